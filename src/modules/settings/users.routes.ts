/** REST: console users, for admins: list, add (a temporary password shown once, or an emailed invite link), change, deactivate, reset a password. */
import { Router } from "express";
import { z } from "zod";
import { MIN_PASSWORD_LENGTH } from "../../contracts/api.ts";
import type { CreatedUserDTO, InvitedUserDTO } from "../../contracts/helpdesk.ts";
import { ROLES } from "../../contracts/permissions.ts";
import { currentUser, requireUser } from "../../http/middlewares/auth.ts";
import { parseInput } from "../../http/middlewares/validate.ts";
import { listAllUsers } from "../agents/index.ts";
import type { ServiceDeps } from "../deps.ts";
import { assertCan } from "../policy/index.ts";
import { skillsField, nameField, uuidList, uuidParams } from "./settings.schemas.ts";
import { presentManagedUser, presentManagedUsers } from "./users.presenter.ts";
import { changeManagedUser, createManagedUser, inviteManagedUser, resetUserPassword, type InviteMailer, type UserWithPassword } from "./users.service.ts";

const role = z.enum(ROLES, { error: `role must be one of ${ROLES.join(", ")}` });
const capacity = z.number({ error: "capacity must be a whole number or null" }).int("capacity must be a whole number").min(1, "capacity must be at least 1").max(1000, "capacity must be at most 1000").nullable();

/** Body of POST /api/v1/users. */
export const createUserBody = z
  .object({
    email: z.email("email must be an email address").max(320),
    name: nameField(),
    role,
    teamIds: uuidList("teamIds").optional(),
    skills: skillsField.optional(),
    capacity: capacity.optional(),
    // Optional: without it a temporary password is generated; either way it is answered once as temporaryPassword.
    password: z
      .string({ error: "password must be a string" })
      .min(MIN_PASSWORD_LENGTH, `password must be at least ${MIN_PASSWORD_LENGTH} characters`)
      .max(1000, "password must be at most 1000 characters")
      .optional(),
    // Optional: "email" mails the user a one-time link to choose their password instead (no temporaryPassword).
    invite: z.literal("email", { error: 'invite must be "email"' }).optional(),
  })
  .strict()
  .refine((b) => !(b.invite && b.password !== undefined), { message: "give either password or invite, not both", path: ["invite"] });

/** Body of PATCH /api/v1/users/:id. */
export const changeUserBody = z
  .object({
    name: nameField().optional(),
    role: role.optional(),
    teamIds: uuidList("teamIds").optional(),
    skills: skillsField.optional(),
    capacity: capacity.optional(),
    active: z.boolean({ error: "active must be true or false" }).optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, "give at least one of name, role, teamIds, skills, capacity, active");

/** Path parameters of /api/v1/users/:id. */
export const userIdParams = uuidParams;

/** Routes under /api/v1/users (admins only). */
export function usersRoutes(deps: ServiceDeps, options: { publicUrl?: string; inviteMailer: InviteMailer }): Router {
  const router = Router();
  router.use(requireUser(deps));
  router.use((req, _res, next) => {
    assertCan(currentUser(req), "settings.users");
    next();
  });
  const withPassword = async ({ user, temporaryPassword }: UserWithPassword): Promise<CreatedUserDTO> => ({
    user: await presentManagedUser(deps.db, user),
    temporaryPassword,
  });
  router.get("/", async (_req, res) => {
    res.json({ data: await presentManagedUsers(deps.db, await listAllUsers(deps.db)) });
  });
  router.post("/", async (req, res) => {
    const body = parseInput(createUserBody, req.body ?? {});
    if (body.invite) {
      const origin = options.publicUrl ?? `${req.protocol}://${req.get("host") ?? "localhost"}`;
      const { user, invited } = await inviteManagedUser(deps, currentUser(req), body, { mailer: options.inviteMailer, origin });
      const data: InvitedUserDTO = { user: await presentManagedUser(deps.db, user), invited };
      res.status(201).json({ data });
      return;
    }
    res.status(201).json({ data: await withPassword(await createManagedUser(deps, currentUser(req), body)) });
  });
  router.patch("/:id", async (req, res) => {
    const { id } = parseInput(userIdParams, req.params);
    const body = parseInput(changeUserBody, req.body ?? {});
    res.json({ data: await presentManagedUser(deps.db, await changeManagedUser(deps, currentUser(req), id, body)) });
  });
  router.post("/:id/reset-password", async (req, res) => {
    const { id } = parseInput(userIdParams, req.params);
    res.json({ data: await withPassword(await resetUserPassword(deps, currentUser(req), id)) });
  });
  return router;
}
