/** Opens a socket.io connection the way a hostile or careless client would, and reports how its handshake ended. */
import { io, type Socket } from "socket.io-client";

/** How a handshake ended: "connected", the connect_error's message (with its data), or "timeout". */
export type HandshakeOutcome = { socket: Socket; outcome: string; data?: unknown };

/** Connects to `url` + `namespace` with the given auth and Cookie header, no reconnection, and resolves with the outcome. */
export function handshake(url: string, namespace: string, options: { auth?: Record<string, unknown>; cookie?: string }, timeoutMs: number): Promise<HandshakeOutcome> {
  const socket = io(`${url}${namespace}`, {
    auth: options.auth,
    extraHeaders: options.cookie === undefined ? undefined : { cookie: options.cookie },
    transports: ["websocket"],
    reconnection: false,
    forceNew: true,
  });
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ socket, outcome: "timeout" }), timeoutMs);
    socket.once("connect", () => (clearTimeout(timer), resolve({ socket, outcome: "connected" })));
    socket.once("connect_error", (error: Error & { data?: unknown }) => (clearTimeout(timer), resolve({ socket, outcome: error.message, data: error.data })));
  });
}
