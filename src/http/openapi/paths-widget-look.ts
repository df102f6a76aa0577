/** Operations of the web widget's look, read and replaced by admins (the widget's own GET /widget/config/:id is outside /api/v1: README). */
import { z } from "zod";
import { LAUNCHER_POSITIONS, REPLY_TIMES, type WidgetLook } from "../../contracts/widget-look.ts";
import { inboxIdParams } from "../../modules/inboxes/inboxes.routes.ts";
import { widgetLookBody } from "../../modules/inboxes/widget-look.schemas.ts";
import type { Operation } from "./operation.ts";

const V1 = "/api/v1";
const admins = { auth: "session", actions: ["settings.inboxes"] } as const;

/** A web inbox's widget look. */
export const widgetLookDTO = z
  .object({
    color: z.string().meta({ description: "Accent colour, #rrggbb; the widget draws white or dark text on it, whichever contrasts more (at least 4.5:1)." }),
    title: z.string(),
    greeting: z.string().meta({ description: "The first line a visitor reads in an empty chat." }),
    position: z.enum(LAUNCHER_POSITIONS).meta({ description: "The bottom corner of the launcher." }),
    avatarUrl: z.string().nullable().meta({ description: "An https image for the header, or null for initials." }),
    avatarInitials: z.string().nullable().meta({ description: "1 to 3 letters; null: the title's first letters." }),
    replyTime: z.enum(REPLY_TIMES).meta({ description: '"We usually reply in …": minutes, hour, hours, day, or none to hide the line.' }),
  })
  .meta({ id: "WidgetLook" }) satisfies z.ZodType<WidgetLook>;

/** The widget look operations. */
export const widgetLookOperations: Operation[] = [
  {
    method: "get",
    path: `${V1}/inboxes/:id/widget-look`,
    tag: "Inboxes",
    summary: "Read a web inbox's widget look",
    description: "The defaults until an admin saves a look. VALIDATION_FAILED (field id) for an inbox of another channel.",
    access: admins,
    params: inboxIdParams,
    success: { status: 200, description: "The look.", data: widgetLookDTO },
    errors: ["INBOX_NOT_FOUND"],
  },
  {
    method: "put",
    path: `${V1}/inboxes/:id/widget-look`,
    tag: "Inboxes",
    summary: "Replace a web inbox's widget look",
    description:
      "Every field is required. A colour on which neither white nor dark text reaches a 4.5:1 contrast is refused (VALIDATION_FAILED, field color). Widgets get the new look on their next connection or page load; the change is in the audit log (inbox.widget_look_updated).",
    access: admins,
    params: inboxIdParams,
    body: widgetLookBody,
    success: { status: 200, description: "The stored look.", data: widgetLookDTO },
    errors: ["INBOX_NOT_FOUND"],
  },
];
