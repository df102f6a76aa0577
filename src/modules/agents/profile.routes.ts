/** REST: the signed-in user's own profile (GET/PATCH /api/v1/auth/profile). */
import { Router } from "express";
import { z } from "zod";
import { currentUser, requireUser } from "../../http/middlewares/auth.ts";
import { parseInput } from "../../http/middlewares/validate.ts";
import type { ServiceDeps } from "../deps.ts";
import { changeProfile, getProfile, presentProfile } from "./profile.service.ts";

const avatarUrl = z
  .string({ error: "avatarUrl must be a URL or null" })
  .trim()
  .max(2000, "avatarUrl must be at most 2000 characters")
  .refine((value) => /^https?:\/\/[^\s]+$/i.test(value), "avatarUrl must be an http(s) URL")
  .nullable();

/** Body of PATCH /api/v1/auth/profile. */
export const profileBody = z
  .object({
    name: z.string({ error: "name must be a string" }).trim().min(1, "name is required").max(200, "name must be at most 200 characters").optional(),
    avatarUrl: avatarUrl.optional(),
    avatarColor: z.string({ error: "avatarColor must be a colour or null" }).regex(/^#[0-9a-fA-F]{6}$/, "avatarColor must be a hex colour such as #3366cc").transform((c) => c.toLowerCase()).nullable().optional(),
    notificationPrefs: z
      .object({
        assigned: z.boolean({ error: "assigned must be true or false" }).optional(),
        mentions: z.boolean({ error: "mentions must be true or false" }).optional(),
        sound: z.boolean({ error: "sound must be true or false" }).optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, "give at least one of name, avatarUrl, avatarColor, notificationPrefs");

/** Routes under /api/v1/auth/profile (any console user, for themselves). */
export function profileRoutes(deps: ServiceDeps): Router {
  const router = Router();
  router.get("/auth/profile", requireUser(deps), async (req, res) => {
    res.json({ data: presentProfile(await getProfile(deps, currentUser(req).id)) });
  });
  router.patch("/auth/profile", requireUser(deps), async (req, res) => {
    const body = parseInput(profileBody, req.body ?? {});
    res.json({ data: presentProfile(await changeProfile(deps, currentUser(req).id, body)) });
  });
  return router;
}
