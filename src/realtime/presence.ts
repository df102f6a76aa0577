/**
 * Presence from console sockets, on every node: a connection or the console's activity report brings its user online,
 * the last socket's disconnect (counted across nodes through the Redis adapter, after a grace period so a reload does not
 * bounce) takes them offline, and a sweep turns online users without input for AGENT_IDLE_MINUTES away.
 */
import type { Namespace, Socket } from "socket.io";
import { childLogger } from "../logger.ts";
import type { ServiceDeps } from "../modules/deps.ts";
import { consoleActivity, consoleGone, markIdleAgentsAway } from "../modules/routing/index.ts";
import { userRoom } from "./console.socket.ts";
import { socketError } from "./socket-errors.ts";

const log = childLogger("presence");

/** The console's report that its user typed, clicked or focused it (at most every few seconds). */
export const PRESENCE_ACTIVITY = "presence:activity";

/** How long presence waits and how often it looks. */
export type PresenceSettings = { idleMs: number; offlineGraceMs: number };

/** Presence tracking for one node's /console namespace. */
export type PresenceTracker = {
  /** Starts tracking an authenticated console socket. */
  track(socket: Socket, userId: string): void;
  stop(): void;
};

/** Starts the idle sweep and returns the tracker the /console namespace hands its sockets to. */
export function startPresence(nsp: Namespace, deps: ServiceDeps, settings: PresenceSettings): PresenceTracker {
  const graceTimers = new Map<string, NodeJS.Timeout>();
  // Once the node stops, the sockets it closes on the way out must not take anyone offline: they reconnect elsewhere.
  let stopped = false;
  const run = (what: string, task: Promise<unknown>): void => {
    task.catch((error: unknown) => log.error({ err: error }, `presence: ${what} failed`));
  };
  // Activity is written at most this often per socket: enough to stay well inside the idle time.
  const activityGapMs = Math.min(15_000, settings.idleMs / 4);
  const socketsOfUser = async (userId: string): Promise<number> => (await nsp.in(userRoom(userId)).fetchSockets()).length;

  const settle = async (userId: string): Promise<void> => {
    graceTimers.delete(userId);
    // A node that does not answer in time makes this throw: the user keeps their presence rather than losing it wrongly.
    if ((await socketsOfUser(userId)) > 0) return;
    await consoleGone(deps, userId);
    // A console that connected (on any node) between the count and the change brings its user straight back.
    if ((await socketsOfUser(userId)) > 0) await consoleActivity(deps, userId);
  };

  const sweepMs = Math.max(250, Math.min(30_000, settings.idleMs / 4));
  const sweep = setInterval(() => run("idle sweep", markIdleAgentsAway(deps, settings.idleMs)), sweepMs);
  sweep.unref();

  return {
    track(socket, userId) {
      clearTimeout(graceTimers.get(userId));
      graceTimers.delete(userId);
      let reportedAt = Date.now();
      run("connect", consoleActivity(deps, userId));
      // The acknowledgement comes once the report is stored (or skipped as too soon after the last one).
      socket.on(PRESENCE_ACTIVITY, (_payload: unknown, callback: unknown) => {
        const ack = typeof callback === "function" ? (callback as (answer: unknown) => void) : undefined;
        const now = Date.now();
        let recorded = Promise.resolve();
        if (now - reportedAt >= activityGapMs) {
          reportedAt = now;
          recorded = consoleActivity(deps, userId);
        }
        recorded.then(
          () => ack?.({ data: { ok: true } }),
          (error: unknown) => ack?.(socketError(error)),
        );
      });
      socket.on("disconnect", () => {
        if (stopped) return;
        clearTimeout(graceTimers.get(userId));
        const timer = setTimeout(() => run("disconnect", settle(userId)), settings.offlineGraceMs);
        timer.unref();
        graceTimers.set(userId, timer);
      });
    },
    stop() {
      stopped = true;
      clearInterval(sweep);
      for (const timer of graceTimers.values()) clearTimeout(timer);
      graceTimers.clear();
    },
  };
}
