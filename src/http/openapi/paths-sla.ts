/** Operations of SLA policies and inboxes' business hours. */
import { z } from "zod";
import { WEEKDAYS } from "../../contracts/sla.ts";
import { businessHoursBody, businessHoursParams, changeSlaPolicyBody, createSlaPolicyBody, slaPolicyIdParams } from "../../modules/sla/sla.schemas.ts";
import type { Operation } from "./operation.ts";
import { instant } from "./schemas-api.ts";

const V1 = "/api/v1";
const TAG = "SLA";

const slaPolicyDTO = z
  .object({
    id: z.uuid(),
    priority: z.enum(["low", "normal", "high", "urgent"]),
    firstResponseMinutes: z.number().int(),
    nextResponseMinutes: z.number().int(),
    resolutionMinutes: z.number().int(),
    businessHours: z.boolean().meta({ description: "Minutes count in the business hours of the ticket's inbox (when it has them)." }),
    warnAtPercent: z.number().int().meta({ description: "A warning is recorded once this share of the time is used." }),
    createdAt: instant,
    updatedAt: instant,
  })
  .meta({ id: "SlaPolicy" });

const range = z.object({ start: z.string(), end: z.string() });
const inboxBusinessHoursDTO = z
  .object({
    inboxId: z.string(),
    businessHours: z
      .object({
        timeZone: z.string(),
        weekly: z.object(Object.fromEntries(WEEKDAYS.map((d) => [d, z.array(range)]))),
        holidays: z.array(z.string()),
        offlineMessage: z.string(),
      })
      .nullable()
      .meta({ description: "null: the inbox has no business hours (always open)." }),
    openNow: z.boolean(),
  })
  .meta({ id: "InboxBusinessHours" });

/** The SLA operations. */
export const slaOperations: Operation[] = [
  {
    method: "get",
    path: `${V1}/sla-policies`,
    tag: TAG,
    summary: "List SLA policies",
    access: { auth: "session", actions: ["settings.sla"] },
    success: { status: 200, description: "Every policy, most urgent priority first.", data: z.array(slaPolicyDTO) },
  },
  {
    method: "post",
    path: `${V1}/sla-policies`,
    tag: TAG,
    summary: "Add the SLA policy of a priority",
    description: "One policy per priority. Tickets opened, or changed to this priority, afterwards are timed on it.",
    access: { auth: "session", actions: ["settings.sla"] },
    body: createSlaPolicyBody,
    success: { status: 201, description: "The policy.", data: slaPolicyDTO },
    errors: ["SLA_POLICY_EXISTS"],
  },
  {
    method: "patch",
    path: `${V1}/sla-policies/:id`,
    tag: TAG,
    summary: "Change an SLA policy",
    access: { auth: "session", actions: ["settings.sla"] },
    params: slaPolicyIdParams,
    body: changeSlaPolicyBody,
    success: { status: 200, description: "The policy.", data: slaPolicyDTO },
    errors: ["SLA_POLICY_NOT_FOUND"],
  },
  {
    method: "delete",
    path: `${V1}/sla-policies/:id`,
    tag: TAG,
    summary: "Delete an SLA policy",
    description: "Tickets of its priority are no longer timed; targets already running keep their due times.",
    access: { auth: "session", actions: ["settings.sla"] },
    params: slaPolicyIdParams,
    success: { status: 204, description: "Deleted." },
    errors: ["SLA_POLICY_NOT_FOUND"],
  },
  {
    method: "get",
    path: `${V1}/inboxes/:id/business-hours`,
    tag: TAG,
    summary: "An inbox's business hours",
    access: { auth: "session", actions: ["settings.inboxes"] },
    params: businessHoursParams,
    success: { status: 200, description: "The hours (null: always open) and whether the inbox is open now.", data: inboxBusinessHoursDTO },
    errors: ["INBOX_NOT_FOUND"],
  },
  {
    method: "put",
    path: `${V1}/inboxes/:id/business-hours`,
    tag: TAG,
    summary: "Set an inbox's business hours",
    description: "Weekly ranges per weekday (\"HH:MM\", several a day, no overlaps), holidays (local dates), an IANA time zone and the offline message. SLA minutes count in them.",
    access: { auth: "session", actions: ["settings.inboxes"] },
    params: businessHoursParams,
    body: businessHoursBody,
    success: { status: 200, description: "The hours as stored.", data: inboxBusinessHoursDTO },
    errors: ["INBOX_NOT_FOUND"],
  },
  {
    method: "delete",
    path: `${V1}/inboxes/:id/business-hours`,
    tag: TAG,
    summary: "Clear an inbox's business hours",
    description: "The inbox is then always open; SLA minutes count around the clock.",
    access: { auth: "session", actions: ["settings.inboxes"] },
    params: businessHoursParams,
    success: { status: 200, description: "The inbox without hours.", data: inboxBusinessHoursDTO },
    errors: ["INBOX_NOT_FOUND"],
  },
];
