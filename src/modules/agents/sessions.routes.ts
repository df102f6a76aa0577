/** REST: the user's own sessions, "log out everywhere", and password change. */
import { Router } from "express";
import { z } from "zod";
import { MIN_PASSWORD_LENGTH } from "../../contracts/api.ts";
import { currentSession, requireUser, SESSION_COOKIE } from "../../http/middlewares/auth.ts";
import { parseInput } from "../../http/middlewares/validate.ts";
import type { LoginGuard } from "../../limits/index.ts";
import { assertCan } from "../policy/index.ts";
import type { ServiceDeps } from "../deps.ts";
import { changePassword, endUserSession, listSessions, logoutEverywhere, sessionOwner } from "./sessions.service.ts";

/** Path parameters of DELETE /api/v1/auth/sessions/:id. */
export const sessionIdParams = z.object({ id: z.uuid("id must be a session id") });
/** Body of POST /api/v1/auth/password. */
export const passwordBody = z
  .object({
    currentPassword: z.string({ error: "currentPassword is required" }).min(1, "currentPassword is required").max(1000),
    newPassword: z
      .string({ error: "newPassword is required" })
      .min(MIN_PASSWORD_LENGTH, `newPassword must be at least ${MIN_PASSWORD_LENGTH} characters`)
      .max(1000, "newPassword must be at most 1000 characters"),
  })
  .strict();

/**
 * Routes under /api/v1/auth for a logged-in user's sessions. A password change checks the current password, so its
 * guesses count against the same per-address limit and per-account lockout as logins (a stolen session must not become
 * a way to brute-force the password).
 */
export function sessionsRoutes(deps: ServiceDeps, options: { loginGuard: LoginGuard }): Router {
  const router = Router();
  const auth = requireUser(deps);
  router.get("/auth/sessions", auth, async (req, res) => {
    const session = currentSession(req);
    assertCan(session.user, "session.list", "own");
    res.json({ data: await listSessions(deps, session.user.id, session.sessionId) });
  });
  router.delete("/auth/sessions/:id", auth, async (req, res) => {
    const { id } = parseInput(sessionIdParams, req.params);
    const session = currentSession(req);
    assertCan(session.user, "session.end", (await sessionOwner(deps, id)) === session.user.id ? "own" : "others");
    await endUserSession(deps, session.user.id, id);
    if (id === session.sessionId) res.clearCookie(SESSION_COOKIE, { path: "/" });
    res.status(204).end();
  });
  router.post("/auth/logout-everywhere", auth, async (req, res) => {
    const session = currentSession(req);
    assertCan(session.user, "session.end", "own");
    await logoutEverywhere(deps, session.user.id);
    res.clearCookie(SESSION_COOKIE, { path: "/" });
    res.status(204).end();
  });
  router.post("/auth/password", auth, async (req, res) => {
    const body = parseInput(passwordBody, req.body ?? {});
    const session = currentSession(req);
    const attempt = await options.loginGuard.begin(req.ip, session.user.email);
    await changePassword(deps, session, body.currentPassword, body.newPassword);
    await attempt.succeeded();
    res.status(204).end();
  });
  return router;
}
