/** Operations of the signed-in user's own profile. */
import { z } from "zod";
import type { ProfileDTO } from "../../contracts/profile.ts";
import { profileBody } from "../../modules/agents/profile.routes.ts";
import type { Operation } from "./operation.ts";

const V1 = "/api/v1";

const profileDTO = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    role: z.enum(["agent", "manager", "admin"]),
    avatarUrl: z.string().nullable().meta({ description: "An http(s) image URL; null: initials are shown." }),
    avatarColor: z.string().nullable().meta({ description: "Background of the initials (#rrggbb); null: picked from the id." }),
    notificationPrefs: z.object({ assigned: z.boolean(), mentions: z.boolean(), sound: z.boolean() }),
  })
  .meta({ id: "Profile" }) satisfies z.ZodType<ProfileDTO>;

/** The profile operations. */
export const profileOperations: Operation[] = [
  {
    method: "get",
    path: `${V1}/auth/profile`,
    tag: "Console sessions",
    summary: "Your profile",
    access: { auth: "session" },
    success: { status: 200, description: "Name, avatar and notification preferences.", data: profileDTO },
  },
  {
    method: "patch",
    path: `${V1}/auth/profile`,
    tag: "Console sessions",
    summary: "Change your profile",
    description: "Name, avatar URL or initials colour, notification preferences (merged into the stored ones). A password changes through POST /api/v1/auth/password, with the current one.",
    access: { auth: "session" },
    body: profileBody,
    success: { status: 200, description: "The profile.", data: profileDTO },
  },
];
