/** createApp(container) → { httpServer, io }: the whole server, never listening by itself (tests and main decide the port). */
import { createServer, type Server as HttpServer } from "node:http";
import express from "express";
import type { Server } from "socket.io";
import type { Container } from "./container.ts";
import { mountRoutes } from "./http/routes.ts";
import { childLogger } from "./logger.ts";
import { attachRealtime } from "./realtime/index.ts";

const log = childLogger("app");

/**
 * How long stop() lets requests in flight finish before it cuts their connections. Without a limit one stuck client
 * (a request whose headers never end, say) would keep the server from stopping at all: once it stops listening, Node
 * no longer times such requests out.
 */
export const SHUTDOWN_GRACE_MS = 5000;

/** The assembled server. */
export type App = {
  httpServer: HttpServer;
  /** The express application behind httpServer (the OpenAPI test walks the routes it really serves). */
  express: express.Express;
  io: Server;
  /** Stops accepting connections, disconnects the sockets, and resolves once every connection is closed (at most SHUTDOWN_GRACE_MS later). */
  stop(): Promise<void>;
};

/** Builds the express app and socket.io server over a container. */
export function createApp(container: Container): App {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback");
  mountRoutes(app, container);
  const httpServer = createServer(app);
  const realtime = attachRealtime(httpServer, container);
  let stopping: Promise<void> | undefined;
  const stop = async (): Promise<void> => {
    // socket.io's close stops the HTTP server too; idle keep-alive connections close at once, busy ones get the grace.
    const deadline = setTimeout(() => {
      log.warn({ graceMs: SHUTDOWN_GRACE_MS }, "requests still in flight after the shutdown grace period; closing their connections");
      httpServer.closeAllConnections();
    }, SHUTDOWN_GRACE_MS);
    try {
      await realtime.stop();
      if (httpServer.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    } finally {
      clearTimeout(deadline);
    }
  };
  return {
    httpServer,
    express: app,
    io: realtime.io,
    stop: () => (stopping ??= stop()),
  };
}
