/** Guards of the socket.io namespaces: /console only from the console's own origin, /widget within the address's connection and message limits. */
import type { Event, Namespace } from "socket.io";
import { AppError } from "../errors.ts";
import { isConsoleOrigin } from "../http/middlewares/origin-check.ts";
import type { RateLimits } from "../limits/index.ts";
import { clientAddress } from "./client-address.ts";
import { connectError, socketError } from "./socket-errors.ts";

/**
 * Refuses a /console handshake from a page of another site with connect_error FORBIDDEN: a WebSocket carries the
 * session cookie whatever page opens it, and CORS does not apply to it. A client without Origin (not a browser) passes.
 */
export function guardConsoleOrigin(nsp: Namespace, publicUrl: string | undefined): void {
  nsp.use((socket, next) => {
    const { origin, host } = socket.handshake.headers;
    if (origin === undefined || isConsoleOrigin(origin, host, publicUrl)) return next();
    next(connectError(new AppError("FORBIDDEN", "The console socket accepts only the console's own origin.")));
  });
}

/**
 * Refuses a /widget handshake over the address's limits with connect_error RATE_LIMITED (`data.retryAfter` in
 * seconds). Register it before the namespace's own middleware, so a flood is turned away before any database work.
 */
export function guardWidgetConnections(nsp: Namespace, limits: RateLimits): void {
  nsp.use((socket, next) => {
    limits.widgetConnect(clientAddress(socket.handshake)).then(
      () => next(),
      (error: unknown) => next(error instanceof AppError ? connectError(error) : (error as Error)),
    );
  });
  nsp.on("connection", (socket) => {
    socket.once("disconnect", limits.widgetConnected(clientAddress(socket.handshake)));
  });
}

/**
 * A socket middleware (socket.use) that answers a "message:send" over the visitor's or the address's message limit
 * with the `{error: {code: "RATE_LIMITED", message, retryAfter}}` ack instead of handling it. Packets still reach the
 * handlers in the order they came: the checks of one socket are answered by Redis (or the in-memory stand-in) in order.
 */
export function limitWidgetMessages(limits: RateLimits, visitor: string, address: string): (packet: Event, next: (error?: Error) => void) => void {
  return (packet, next) => {
    if (packet[0] !== "message:send") return next();
    limits.widgetMessage(visitor, address).then(
      () => next(),
      (error: unknown) => {
        const ack = packet[packet.length - 1];
        if (typeof ack === "function") ack(socketError(error));
      },
    );
  };
}
