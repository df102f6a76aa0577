/**
 * Collision on the console: who is viewing a conversation and who is typing a reply in it. Each console socket joins
 * the room of the conversation it shows; the viewers are read from that room (on every node, through the Redis
 * adapter) and sent to it as `conversation:viewers` whenever someone opens, leaves, types, stops, or disconnects.
 */
import type { Namespace, Socket } from "socket.io";
import { z } from "zod";
import type { ConversationViewersEvent } from "../contracts/api.ts";
import type { AuthenticatedSession } from "../modules/agents/index.ts";
import { getConversation } from "../modules/conversations/index.ts";
import type { ServiceDeps } from "../modules/deps.ts";
import { assertCan } from "../modules/policy/index.ts";
import { socketError } from "./socket-errors.ts";

/** How long "is typing" holds without a new typing signal (the console repeats it every 5 s while typing). */
export const TYPING_TIMEOUT_MS = 8_000;

/** The room of the consoles showing one conversation. */
export function conversationRoom(conversationId: string): string {
  return `conversation:${conversationId}`;
}

/** What a console socket tells the others through `socket.data` (read on any node by fetchSockets). */
type CollisionData = { viewing: string | null; typingIn: string | null };

const viewSchema = z.object({ conversationId: z.uuid().nullable() });

function collisionOf(socket: Socket): CollisionData {
  const data = socket.data as AuthenticatedSession & { collision?: CollisionData };
  data.collision ??= { viewing: null, typingIn: null };
  return data.collision;
}

/** Sends the room's current viewers (one entry per user; typing when any of their sockets types there). */
async function announceViewers(nsp: Namespace, conversationId: string): Promise<void> {
  const sockets = await nsp.in(conversationRoom(conversationId)).fetchSockets();
  const viewers = new Map<string, { userId: string; name: string; typing: boolean }>();
  for (const s of sockets) {
    const data = s.data as { user?: { id: string; name: string }; collision?: CollisionData };
    if (!data.user) continue;
    const typing = data.collision?.typingIn === conversationId;
    const known = viewers.get(data.user.id);
    viewers.set(data.user.id, { userId: data.user.id, name: data.user.name, typing: typing || (known?.typing ?? false) });
  }
  const event: ConversationViewersEvent = { conversationId, viewers: [...viewers.values()].sort((a, b) => a.name.localeCompare(b.name)) };
  nsp.to(conversationRoom(conversationId)).emit("conversation:viewers", event);
}

/** The collision handlers of one console socket; `typing` is called by the typing handler after its checks. */
export function registerCollision(nsp: Namespace, socket: Socket, deps: ServiceDeps): { typing: (conversationId: string, typing: boolean) => void } {
  const { user } = socket.data as AuthenticatedSession;
  const state = collisionOf(socket);
  let typingTimer: NodeJS.Timeout | undefined;
  const announce = (conversationId: string | null): void => {
    if (conversationId) announceViewers(nsp, conversationId).catch(() => undefined);
  };
  const setTyping = (conversationId: string | null): void => {
    clearTimeout(typingTimer);
    const before = state.typingIn;
    state.typingIn = conversationId;
    if (conversationId) typingTimer = setTimeout(() => setTyping(null), TYPING_TIMEOUT_MS);
    if (before === conversationId) return;
    announce(before);
    announce(conversationId);
  };

  socket.on("conversation:view", (payload: unknown, ack: unknown) => {
    const reply = (answer: unknown): void => {
      if (typeof ack === "function") ack(answer);
    };
    const parsed = viewSchema.safeParse(payload);
    if (!parsed.success) return reply({ error: { code: "VALIDATION_FAILED", message: "conversationId (a UUID, or null to leave) is required" } });
    const next = parsed.data.conversationId;
    const open = async (): Promise<void> => {
      if (next) {
        assertCan(user, "conversation.read");
        await getConversation(deps, next);
      }
      const previous = state.viewing;
      if (previous === next) return;
      if (previous) await socket.leave(conversationRoom(previous));
      if (state.typingIn && state.typingIn !== next) setTyping(null);
      state.viewing = next;
      if (next) await socket.join(conversationRoom(next));
      announce(previous);
      announce(next);
    };
    open()
      .then(() => reply({ data: { ok: true } }))
      .catch((error: unknown) => reply(socketError(error)));
  });

  socket.on("disconnect", () => {
    clearTimeout(typingTimer);
    const viewing = state.viewing;
    const typingIn = state.typingIn;
    state.viewing = null;
    state.typingIn = null;
    announce(viewing);
    if (typingIn !== viewing) announce(typingIn);
  });

  return { typing: (conversationId, typing) => setTyping(typing ? conversationId : state.typingIn === conversationId ? null : state.typingIn) };
}
