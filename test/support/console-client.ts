/** An agent's console socket over a real socket.io client, recording what a logged-out console would notice. */
import { io, type Socket } from "socket.io-client";
import type { MessageDTO, SessionEndReason } from "../../src/contracts/api.ts";

/** A connected console socket. */
export type ConsoleClient = {
  socket: Socket;
  messages: MessageDTO[];
  /** The reason of the `session:ended` event, once the server sent one. */
  endedReason(): SessionEndReason | undefined;
  /** Resolves with socket.io's disconnect reason when the connection ends. */
  disconnected: Promise<string>;
  close(): void;
};

/** Opens /console with a session cookie; rejects when the handshake is refused. */
export async function connectConsole(url: string, cookie: string): Promise<ConsoleClient> {
  const socket = io(`${url}/console`, { extraHeaders: { cookie }, transports: ["websocket"], forceNew: true, reconnection: false });
  const messages: MessageDTO[] = [];
  let ended: SessionEndReason | undefined;
  socket.on("message:new", (m: MessageDTO) => messages.push(m));
  socket.on("session:ended", (payload: { reason: SessionEndReason }) => (ended = payload.reason));
  const disconnected = new Promise<string>((resolve) => socket.once("disconnect", (reason) => resolve(reason)));
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  return { socket, messages, endedReason: () => ended, disconnected, close: () => socket.disconnect() };
}
