/** The zod shapes of the timeline API's requests (the OpenAPI document is generated from these). */
import { z } from "zod";
import type { TimelineKind } from "../../contracts/crm.ts";
import { cursorParam, limitSchema } from "../../http/pagination.ts";

/** Every kind of timeline entry, in the order the `kinds` filter lists them. */
export const TIMELINE_KINDS = ["conversation", "ticket", "order", "note", "event", "deal"] as const satisfies readonly TimelineKind[];

const kindsReason = `kinds must be a comma-separated list of ${TIMELINE_KINDS.join(", ")}`;

/** `:id` of /api/v1/customers/:id/timeline. */
export const timelineParams = z.object({ id: z.uuid("id must be a UUID") });

/** Query of GET /api/v1/customers/:id/timeline (`kinds`: "note,order" keeps only those). */
export const timelineQuery = z.object({
  limit: limitSchema,
  cursor: cursorParam,
  kinds: z
    .string({ error: kindsReason })
    .max(200, kindsReason)
    .transform((text, ctx): TimelineKind[] => {
      const kinds = [...new Set(text.split(",").map((k) => k.trim()).filter(Boolean))];
      if (kinds.length > 0 && kinds.every((k): k is TimelineKind => (TIMELINE_KINDS as readonly string[]).includes(k))) return kinds;
      ctx.addIssue({ code: "custom", message: kindsReason });
      return z.NEVER;
    })
    .optional(),
});

/**
 * Keyset cursor of the timeline: the previous page's last entry's time (to the microsecond, as PostgreSQL keeps it),
 * kind and sort key.
 */
export const timelineCursor = z
  .object({
    at: z.iso.datetime({ precision: 6 }),
    kind: z.enum(TIMELINE_KINDS),
    id: z.string().regex(/^[0-9a-z:-]{1,80}$/),
  })
  .strict();
