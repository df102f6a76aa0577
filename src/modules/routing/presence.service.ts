/**
 * Presence that follows the console: online while a console socket is connected and not set away, away after the idle
 * time without input, offline when the last socket is gone. Whenever an agent comes online, they pick up their queue.
 */
import { forgetUser } from "../agents/index.ts";
import type { ServiceDeps } from "../deps.ts";
import { pickUpQueue } from "./routing.service.ts";
import { chooseStatus, markIdleAway, markOffline, recordActivity, type PresenceChange } from "./presence.repo.ts";

async function announce(deps: ServiceDeps, userId: string, change: PresenceChange): Promise<void> {
  if (!change?.changed) return;
  // Cached sessions hold the user row; the next request must see the new status.
  forgetUser(deps.db, userId);
  deps.events.emit("agent.updated", { userId });
  if (change.status === "online") await pickUpQueue(deps, userId);
}

/** A console socket connected, or its user typed, clicked or focused the console. */
export async function consoleActivity(deps: ServiceDeps, userId: string): Promise<void> {
  await announce(deps, userId, await recordActivity(deps.db, userId, deps.now()));
}

/** The user's last console socket closed (after the grace period, on every node). */
export async function consoleGone(deps: ServiceDeps, userId: string): Promise<void> {
  if (!(await markOffline(deps.db, userId))) return;
  forgetUser(deps.db, userId);
  deps.events.emit("agent.updated", { userId });
}

/** The user chose online or away (the console's toggle, PATCH /api/v1/agents/me); returns nothing when no such user. */
export async function choosePresence(deps: ServiceDeps, userId: string, status: "online" | "away"): Promise<boolean> {
  const change = await chooseStatus(deps.db, userId, status, deps.now());
  if (!change) return false;
  // The change is announced even when the status stays, so every console (and the caller's cache) agrees.
  forgetUser(deps.db, userId);
  deps.events.emit("agent.updated", { userId });
  if (change.changed && status === "online") await pickUpQueue(deps, userId);
  return true;
}

/** Online agents idle for longer than `idleMs` become away; returns how many. */
export async function markIdleAgentsAway(deps: ServiceDeps, idleMs: number): Promise<number> {
  const ids = await markIdleAway(deps.db, new Date(deps.now().getTime() - idleMs));
  for (const userId of ids) {
    forgetUser(deps.db, userId);
    deps.events.emit("agent.updated", { userId });
  }
  return ids.length;
}
