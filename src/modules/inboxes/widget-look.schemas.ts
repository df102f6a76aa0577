/** Zod schemas of the widget look (PUT /api/v1/inboxes/:id/widget-look) and of the visitor details in the widget's handshake. */
import { z } from "zod";
import { safeText } from "../../contracts/safe-text.ts";
import {
  LAUNCHER_POSITIONS,
  MIN_TEXT_CONTRAST,
  REPLY_TIMES,
  VISITOR_CONTEXT_LIMITS,
  WIDGET_LOOK_LIMITS,
  isHexColor,
  textOn,
} from "../../contracts/widget-look.ts";

const L = WIDGET_LOOK_LIMITS;

// A URL the widget may load as an image on any site: https only, no credentials in it.
const avatarUrl = z
  .string({ error: "avatarUrl must be a string or null" })
  .trim()
  .max(L.avatarUrl, `avatarUrl must be at most ${L.avatarUrl} characters`)
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === "https:" && !url.username && !url.password;
    } catch {
      return false;
    }
  }, "avatarUrl must be an https URL");

/** Body of PUT /api/v1/inboxes/:id/widget-look: the whole look (every field required, so what is stored is what was sent). */
export const widgetLookBody = safeText(
  z
    .object({
      color: z
        .string({ error: "color is required" })
        .trim()
        .refine(isHexColor, "color must be a hex colour like #4f46e5")
        .refine((c) => !isHexColor(c) || textOn(c).contrast >= MIN_TEXT_CONTRAST, {
          message: `color is too close to both white and dark text to stay readable (contrast below ${MIN_TEXT_CONTRAST}:1); choose a darker or lighter shade`,
        })
        .transform((c) => c.toLowerCase()),
      title: z.string({ error: "title is required" }).trim().min(1, "title is required").max(L.title, `title must be at most ${L.title} characters`),
      greeting: z.string({ error: "greeting is required" }).trim().min(1, "greeting is required").max(L.greeting, `greeting must be at most ${L.greeting} characters`),
      position: z.enum(LAUNCHER_POSITIONS, { error: `position must be one of ${LAUNCHER_POSITIONS.join(", ")}` }),
      avatarUrl: avatarUrl.nullable(),
      avatarInitials: z
        .string({ error: "avatarInitials must be a string or null" })
        .trim()
        .regex(/^\p{L}{1,3}$/u, `avatarInitials must be 1 to ${L.avatarInitials} letters`)
        .nullable(),
      replyTime: z.enum(REPLY_TIMES, { error: `replyTime must be one of ${REPLY_TIMES.join(", ")}` }),
    })
    .strict(),
);

// A page URL the widget reports: http(s) only; anything else is dropped rather than refusing the visitor's connection.
const pageUrl = z
  .string()
  .max(VISITOR_CONTEXT_LIMITS.pageUrl)
  .refine((value) => {
    try {
      return ["http:", "https:"].includes(new URL(value).protocol);
    } catch {
      return false;
    }
  });

const page = safeText(z.object({ url: pageUrl, title: z.string().trim().max(VISITOR_CONTEXT_LIMITS.pageTitle).optional() }));
// An IANA name such as "Europe/Paris" or "America/Argentina/Buenos_Aires" (checked against Intl when stored).
const timeZone = z.string().max(VISITOR_CONTEXT_LIMITS.timeZone).regex(/^[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)*$/);

/**
 * The visitor details in a widget handshake's `page` ({url, title}) and `timeZone`: each part that does not pass (a
 * javascript: URL, an over-long title, a made-up zone) is left out; details never refuse a connection.
 */
export function visitorHandshake(auth: unknown): { pageUrl?: string; pageTitle?: string; timeZone?: string } {
  const fields = auth && typeof auth === "object" ? (auth as Record<string, unknown>) : {};
  const p = page.safeParse(fields.page);
  const t = timeZone.safeParse(fields.timeZone);
  return { ...(p.success ? { pageUrl: p.data.url, pageTitle: p.data.title } : {}), ...(t.success ? { timeZone: t.data } : {}) };
}
