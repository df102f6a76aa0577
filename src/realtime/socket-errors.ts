/** Turns any failure in a socket handler into the `{ error: { code, message } }` acknowledgement. */
import { AppError, dataExceptionError } from "../errors.ts";
import type { SocketError } from "../contracts/messages.ts";
import { childLogger } from "../logger.ts";

const log = childLogger("realtime");

/** The acknowledgement error for a thrown value; unexpected errors are logged and answered as INTERNAL. */
export function socketError(error: unknown): { error: SocketError } {
  if (error instanceof AppError) return { error: error.toJSON() };
  const invalid = dataExceptionError(error);
  if (invalid) {
    // A value that reached the database unchecked is a missing validation: answered as one, logged to be fixed.
    log.warn({ err: error }, "database rejected a socket payload value");
    return { error: invalid.toJSON() };
  }
  log.error({ err: error }, "socket handler failed");
  return { error: new AppError("INTERNAL").toJSON() };
}

/** An Error for socket.io middleware: `message` is the stable code, `data` carries code and message for the client. */
export function connectError(error: AppError): Error & { data: SocketError } {
  return Object.assign(new Error(error.code), { data: error.toJSON() });
}
