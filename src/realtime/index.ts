/** socket.io server: /widget and /console namespaces, the Redis adapter so any node serves any client, and the broadcaster. */
import type { Server as HttpServer } from "node:http";
import { createAdapter } from "@socket.io/redis-adapter";
import { Server } from "socket.io";
import type { Container } from "../container.ts";
import { startBroadcaster } from "./broadcaster.ts";
import { registerConsoleNamespace } from "./console.socket.ts";
import { registerWidgetNamespace } from "./widget.socket.ts";

/** Attaches socket.io to the HTTP server; returns the server and a function that stops it. */
export function attachRealtime(httpServer: HttpServer, container: Container): { io: Server; stop(): Promise<void> } {
  // During a Redis outage publishes wait for the reconnect instead of rejecting (the adapter does not catch them).
  const pub = container.redis.duplicate({ maxRetriesPerRequest: null });
  const sub = container.redis.duplicate({ maxRetriesPerRequest: null });
  // Connection errors are retried by ioredis; the health check reports the outage.
  for (const client of [pub, sub]) client.on("error", () => undefined);
  const io = new Server(httpServer, {
    cors: { origin: true, credentials: true },
    maxHttpBufferSize: 64 * 1024,
    connectionStateRecovery: undefined,
    adapter: createAdapter(pub, sub, { key: `${container.redisPrefix}:socket.io` }),
  });
  registerWidgetNamespace(io.of("/widget"), container.deps);
  registerConsoleNamespace(io.of("/console"), container.deps);
  const stopBroadcaster = startBroadcaster(io, container.events, container.deps);
  return {
    io,
    async stop() {
      stopBroadcaster();
      await new Promise<void>((resolve) => void io.close(() => resolve()));
      pub.disconnect();
      sub.disconnect();
    },
  };
}
