/** REST: login, accepting an invite link, logout, the current user, and presence (the session list and password change are in sessions.routes.ts). */
import { Router, type Response } from "express";
import { MIN_PASSWORD_LENGTH } from "../../contracts/api.ts";
import { z } from "zod";
import { parseInput } from "../../http/middlewares/validate.ts";
import { currentUser, readCookie, requireUser, SESSION_COOKIE } from "../../http/middlewares/auth.ts";
import type { LoginGuard } from "../../limits/index.ts";
import type { ServiceDeps } from "../deps.ts";
import { AppError } from "../../errors.ts";
import { choosePresence } from "../routing/index.ts";
import { findUser } from "./agents.repo.ts";
import { acceptInvite } from "./invites.service.ts";
import { presentUser } from "./agents.service.ts";
import { login, logout, sessionSettings } from "./sessions.service.ts";

/** Body of POST /api/v1/auth/login. */
export const loginBody = z.object({
  email: z.string({ error: "email is required" }).trim().min(1, "email is required").max(320),
  password: z.string({ error: "password is required" }).min(1, "password is required").max(1000),
});

/** Body of POST /api/v1/auth/invite: the token of an emailed invite link and the password to set (the rules of a password change). */
export const inviteBody = z
  .object({
    token: z.string({ error: "token is required" }).min(1, "token is required").max(200, "token must be at most 200 characters"),
    password: z
      .string({ error: "password is required" })
      .min(MIN_PASSWORD_LENGTH, `password must be at least ${MIN_PASSWORD_LENGTH} characters`)
      .max(1000, "password must be at most 1000 characters"),
  })
  .strict();

/** Body of PATCH /api/v1/agents/me. */
export const presenceBody = z.object({ status: z.enum(["online", "away"], { error: 'status must be "online" or "away"' }) });

/** Routes under /api/v1/auth and /api/v1/agents. */
export function agentsRoutes(deps: ServiceDeps, options: { secureCookies: boolean; loginGuard: LoginGuard }): Router {
  const router = Router();
  const setSessionCookie = (res: Response, token: string): void => {
    res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: "lax", secure: options.secureCookies, maxAge: sessionSettings(deps).maxAgeMs, path: "/" });
  };
  router.post("/auth/login", async (req, res) => {
    const body = parseInput(loginBody, req.body);
    // RATE_LIMITED before the password is checked: too many attempts from this address, or the account is locked.
    const attempt = await options.loginGuard.begin(req.ip, body.email);
    const session = await login(deps, body.email, body.password, { userAgent: req.get("user-agent") ?? null, ip: req.ip ?? null });
    await attempt.succeeded();
    setSessionCookie(res, session.token);
    res.json({ data: presentUser(session.user) });
  });
  router.post("/auth/invite", async (req, res) => {
    const body = parseInput(inviteBody, req.body ?? {});
    const session = await acceptInvite(deps, body.token, body.password, { userAgent: req.get("user-agent") ?? null, ip: req.ip ?? null });
    setSessionCookie(res, session.token);
    res.json({ data: presentUser(session.user) });
  });
  router.post("/auth/logout", async (req, res) => {
    const token = readCookie(req.headers.cookie, SESSION_COOKIE);
    if (token) await logout(deps, token);
    res.clearCookie(SESSION_COOKIE, { path: "/" });
    res.status(204).end();
  });
  router.get("/auth/me", requireUser(deps), (req, res) => {
    res.json({ data: presentUser(currentUser(req)) });
  });
  router.patch("/agents/me", requireUser(deps), async (req, res) => {
    const body = parseInput(presenceBody, req.body);
    const me = currentUser(req);
    // Choosing "online" picks up the agent's team queue; a chosen "away" is not undone by activity (see routing).
    if (!(await choosePresence(deps, me.id, body.status))) throw new AppError("USER_NOT_FOUND");
    const user = await findUser(deps.db, me.id);
    if (!user) throw new AppError("USER_NOT_FOUND");
    res.json({ data: presentUser(user) });
  });
  return router;
}
