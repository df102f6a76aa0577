/** REST: console users, for admins (the "users" part of settings). */
import { Router } from "express";
import { z } from "zod";
import { MIN_PASSWORD_LENGTH } from "../../contracts/api.ts";
import { ROLES } from "../../contracts/permissions.ts";
import { currentUser, requireUser } from "../../http/middlewares/auth.ts";
import { parseInput } from "../../http/middlewares/validate.ts";
import type { ServiceDeps } from "../deps.ts";
import { assertCan } from "../policy/index.ts";
import { addUser, listUsers, presentUser } from "./agents.service.ts";

/** Body of POST /api/v1/users. */
export const createUserBody = z
  .object({
    email: z.email("email must be an email address").max(320),
    name: z.string({ error: "name is required" }).trim().min(1, "name is required").max(200),
    role: z.enum(ROLES, { error: `role must be one of ${ROLES.join(", ")}` }),
    password: z
      .string({ error: "password is required" })
      .min(MIN_PASSWORD_LENGTH, `password must be at least ${MIN_PASSWORD_LENGTH} characters`)
      .max(1000, "password must be at most 1000 characters"),
  })
  .strict();

/** Routes under /api/v1/users (admins only). */
export function usersRoutes(deps: ServiceDeps): Router {
  const router = Router();
  router.use(requireUser(deps));
  router.use((req, _res, next) => {
    assertCan(currentUser(req), "settings.users");
    next();
  });
  router.get("/", async (_req, res) => {
    res.json({ data: (await listUsers(deps)).map(presentUser) });
  });
  router.post("/", async (req, res) => {
    const body = parseInput(createUserBody, req.body ?? {});
    res.status(201).json({ data: presentUser(await addUser(deps, body)) });
  });
  return router;
}
