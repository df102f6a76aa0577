/** Puts every incoming socket event into the one shape handlers expect, `(payload, ack?)`, whatever the client sent. */
import type { Socket } from "socket.io";
import { AppError } from "../errors.ts";

// socket.io-parser also lets a number through as the event name.
type Packet = [string | number, ...unknown[]];

/**
 * A `socket.use` middleware for every namespace. A client may emit with no payload (`emit("history", ack)`), with
 * extra arguments, or an event nobody handles; without this, the ack lands in the payload's place and is never
 * called, or the client waits forever. Here the packet becomes `[event, payload | undefined, ack?]`, and an event
 * without a handler is answered NOT_FOUND when the client asked for an ack.
 */
export function normalizePackets(socket: Socket): (packet: Packet, next: (error?: Error) => void) => void {
  return (packet, next) => {
    const [event, ...args] = packet;
    const ack = typeof args.at(-1) === "function" ? (args.pop() as (value: unknown) => void) : undefined;
    if (typeof event !== "string" || socket.listeners(event).length === 0) {
      ack?.({ error: new AppError("NOT_FOUND", `No handler for the event "${String(event).slice(0, 100)}".`).toJSON() });
      return;
    }
    packet.length = 1;
    packet.push(args[0]);
    if (ack) packet.push(ack);
    next();
  };
}
