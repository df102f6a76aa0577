/** createApp(container) → { httpServer, io }: the whole server, never listening by itself (tests and main decide the port). */
import { createServer, type Server as HttpServer } from "node:http";
import express from "express";
import type { Server } from "socket.io";
import type { Container } from "./container.ts";
import { mountRoutes } from "./http/routes.ts";
import { attachRealtime } from "./realtime/index.ts";

/** The assembled server. */
export type App = { httpServer: HttpServer; io: Server; stop(): Promise<void> };

/** Builds the express app and socket.io server over a container. */
export function createApp(container: Container): App {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback");
  mountRoutes(app, container);
  const httpServer = createServer(app);
  const realtime = attachRealtime(httpServer, container);
  return {
    httpServer,
    io: realtime.io,
    async stop() {
      await realtime.stop();
      if (httpServer.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}
