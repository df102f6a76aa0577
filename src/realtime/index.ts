/** socket.io server: /widget and /console namespaces, the Redis adapter so any node serves any client, and the broadcaster. */
import type { Server as HttpServer } from "node:http";
import { createAdapter } from "@socket.io/redis-adapter";
import { Redis } from "ioredis";
import { Server } from "socket.io";
import type { Container } from "../container.ts";
import { startBroadcaster } from "./broadcaster.ts";
import { registerConsoleNamespace } from "./console.socket.ts";
import { guardConsoleOrigin, guardWidgetConnections } from "./socket-guards.ts";
import { startPresence } from "./presence.ts";
import { startSessionEnforcer } from "./sessions.ts";
import { registerWidgetNamespace } from "./widget.socket.ts";

/**
 * The socket.io Redis adapter sends commands without awaiting them (publish, and unsubscribe on close). During an
 * outage they wait in the offline queue; one that finally fails (at shutdown, say) is dropped here instead of becoming
 * an unhandled rejection. The outage itself is reported by /healthz and the main connection's error log.
 */
class AdapterRedis extends Redis {
  override sendCommand(...args: Parameters<Redis["sendCommand"]>): unknown {
    args[0].promise.catch(() => undefined);
    return super.sendCommand(...args);
  }
}

/** Attaches socket.io to the HTTP server; returns the server and a function that stops it. */
export function attachRealtime(httpServer: HttpServer, container: Container): { io: Server; stop(): Promise<void> } {
  // During a Redis outage publishes wait for the reconnect (no retry limit) rather than being dropped at once.
  const pub = new AdapterRedis(container.redisEndpoint.url, { maxRetriesPerRequest: null });
  const sub = new AdapterRedis(container.redisEndpoint.url, { maxRetriesPerRequest: null });
  // Connection errors are retried by ioredis; the health check reports the outage.
  for (const client of [pub, sub]) client.on("error", () => undefined);
  const io = new Server(httpServer, {
    // The widget connects from any site, never with cookies; the console is same-origin and needs no CORS at all.
    cors: { origin: "*", credentials: false },
    maxHttpBufferSize: 64 * 1024,
    connectionStateRecovery: undefined,
    adapter: createAdapter(pub, sub, { key: `${container.redisPrefix}:socket.io` }),
  });
  // Engine.io answers its own HTTP requests (long-polling), outside express and helmet.
  io.engine.on("headers", (headers: Record<string, string>) => {
    headers["X-Content-Type-Options"] = "nosniff";
    headers["Referrer-Policy"] = "no-referrer";
  });
  // The guards run before each namespace's own middleware.
  guardWidgetConnections(io.of("/widget"), container.limits);
  registerWidgetNamespace(io.of("/widget"), container.deps, container.limits);
  guardConsoleOrigin(io.of("/console"), container.config.publicUrl);
  const presence = startPresence(io.of("/console"), container.deps, container.config.presence);
  registerConsoleNamespace(io.of("/console"), container.deps, (socket, userId) => presence.track(socket, userId));
  const stopBroadcaster = startBroadcaster(io, container.events, container.deps);
  const stopSessionEnforcer = startSessionEnforcer(io.of("/console"), container.events, container.deps);
  return {
    io,
    async stop() {
      stopBroadcaster();
      stopSessionEnforcer();
      presence.stop();
      await new Promise<void>((resolve) => void io.close(() => resolve()));
      pub.disconnect();
      sub.disconnect();
    },
  };
}
