/** Ends console sockets with their sessions: on every node, the moment a session is logged out, revoked or expires. */
import type { Namespace } from "socket.io";
import { z } from "zod";
import { SESSION_END_REASONS } from "../contracts/api.ts";
import type { EventBus } from "../events.ts";
import { childLogger } from "../logger.ts";
import { forgetSessions } from "../modules/agents/index.ts";
import type { ServiceDeps } from "../modules/deps.ts";
import { sessionRoom } from "./console.socket.ts";

const log = childLogger("sessions");

/** The message nodes send each other (socket.io serverSideEmit over the Redis adapter) when sessions end. */
const SESSIONS_ENDED = "sessions:ended";
const endedSchema = z.object({
  sessionIds: z.array(z.uuid()).max(10_000),
  reason: z.enum(SESSION_END_REASONS),
});

/** Subscribes the /console namespace to `session.ended`; returns an unsubscribe function. */
export function startSessionEnforcer(nsp: Namespace, events: EventBus, deps: Pick<ServiceDeps, "db">): () => void {
  // Other nodes forget the ended sessions they cached, so their next request with that cookie is refused.
  const onRemote = (payload: unknown): void => {
    const parsed = endedSchema.safeParse(payload);
    if (parsed.success) forgetSessions(deps.db, parsed.data.sessionIds, parsed.data.reason);
    else log.warn("ignored a malformed sessions:ended message from another node");
  };
  nsp.on(SESSIONS_ENDED, onRemote);
  const off = events.on("session.ended", ({ sessionIds, reason }) => {
    // One Redis connection carries these in order: the other nodes have forgotten the sessions before their sockets close.
    nsp.serverSideEmit(SESSIONS_ENDED, { sessionIds, reason });
    const rooms = sessionIds.map(sessionRoom);
    nsp.to(rooms).emit("session:ended", { reason });
    nsp.in(rooms).disconnectSockets(true);
  });
  return () => {
    off();
    nsp.off(SESSIONS_ENDED, onRemote);
  };
}
