/** The /console namespace: authenticated agents receive every change live, signal typing and which conversation they view. */
import type { Namespace, Socket } from "socket.io";
import { z } from "zod";
import { AppError } from "../errors.ts";
import { readCookie, SESSION_COOKIE } from "../http/middlewares/auth.ts";
import { authenticate, sessionEndReason, type AuthenticatedSession } from "../modules/agents/index.ts";
import type { ServiceDeps } from "../modules/deps.ts";
import { assertCan, conversationScope } from "../modules/policy/index.ts";
import { registerCollision } from "./collision.socket.ts";
import { connectError, socketError } from "./socket-errors.ts";
import { normalizePackets } from "./socket-packets.ts";

/** The room every console socket joins. */
export const AGENTS_ROOM = "agents";

/** The room of the console sockets opened with one session (to close them when it ends). */
export function sessionRoom(sessionId: string): string {
  return `session:${sessionId}`;
}

/** The room of all of a user's console sockets. */
export function userRoom(userId: string): string {
  return `user:${userId}`;
}

const typingSchema = z.object({ conversationId: z.uuid(), typing: z.boolean() });

/** Registers the /console handlers. */
export function registerConsoleNamespace(nsp: Namespace, deps: ServiceDeps, onConnected?: (socket: Socket, userId: string) => void): void {
  nsp.use(async (socket, next) => {
    const session = await authenticate(deps, readCookie(socket.handshake.headers.cookie, SESSION_COOKIE)).catch(() => undefined);
    if (!session) return next(connectError(new AppError("UNAUTHENTICATED")));
    socket.data = session;
    next();
  });

  nsp.on("connection", (socket: Socket) => {
    const { user, sessionId } = socket.data as AuthenticatedSession;
    socket.use(normalizePackets(socket));
    // The session and user rooms let logout and password changes close these sockets on whichever node holds them.
    void socket.join([AGENTS_ROOM, sessionRoom(sessionId), userRoom(user.id)]);
    // Ended between the handshake's check and joining its room: the room's disconnect has already gone by.
    const endedReason = sessionEndReason(deps.db, sessionId);
    if (endedReason) {
      socket.emit("session:ended", { reason: endedReason });
      socket.disconnect(true);
      return;
    }
    onConnected?.(socket, user.id);
    const collision = registerCollision(nsp, socket, deps);
    socket.on("typing", (payload: unknown, ack: unknown) => {
      const reply = (answer: unknown): void => {
        if (typeof ack === "function") ack(answer);
      };
      const parsed = typingSchema.safeParse(payload);
      if (!parsed.success) return reply({ error: { code: "VALIDATION_FAILED", message: "conversationId (UUID) and typing (boolean) are required" } });
      const { conversationId, typing } = parsed.data;
      // Colleagues see anyone typing in the conversation (collision); the customer sees "agent is typing" only from an
      // agent who may reply in it.
      conversationScope(deps, user, conversationId)
        .then((scope) => {
          collision.typing(conversationId, typing);
          assertCan(user, "conversation.reply", scope);
          deps.events.emit("typing.changed", { conversationId, sender: { type: "agent", name: user.name }, typing });
          reply({ data: { ok: true } });
        })
        .catch((error: unknown) => reply(socketError(error)));
    });
  });
}
