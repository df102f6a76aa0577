/** Turns any failure in a socket handler into the `{ error: { code, message } }` acknowledgement. */
import { AppError } from "../errors.ts";
import type { SocketError } from "../contracts/messages.ts";
import { childLogger } from "../logger.ts";

const log = childLogger("realtime");

/** The acknowledgement error for a thrown value; unexpected errors are logged and answered as INTERNAL. */
export function socketError(error: unknown): { error: SocketError } {
  if (error instanceof AppError) return { error: error.toJSON() };
  log.error({ err: error }, "socket handler failed");
  return { error: new AppError("INTERNAL").toJSON() };
}

/** An Error for socket.io middleware: `message` is the stable code, `data` carries code and message for the client. */
export function connectError(error: AppError): Error & { data: SocketError } {
  return Object.assign(new Error(error.code), { data: error.toJSON() });
}
