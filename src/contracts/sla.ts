/** DTOs of SLA policies, inbox business hours and a ticket's SLA due times, shared by server and console (no Node imports). */

/** A ticket priority (as in api.ts; repeated so the two contracts do not import each other). */
type TicketPriority = "low" | "normal" | "high" | "urgent";
/** Weekdays as business hours name them, Monday first. */
export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
/** A weekday key of business hours. */
export type Weekday = (typeof WEEKDAYS)[number];

/** One opening range of a day in the inbox's local time: "09:00" to "17:30" ("24:00" ends at midnight). */
export type TimeRange = { start: string; end: string };

/** An inbox's business hours: weekly ranges per weekday, holidays (local dates "YYYY-MM-DD"), an IANA zone, the offline message. */
export type BusinessHours = {
  timeZone: string;
  weekly: Record<Weekday, TimeRange[]>;
  holidays: string[];
  /** What the widget and the bot tell customers outside these hours. */
  offlineMessage: string;
};

/** GET /api/v1/inboxes/:id/business-hours: the hours (null when the inbox has none: always open) and whether it is open now. */
export type InboxBusinessHoursDTO = { inboxId: string; businessHours: BusinessHours | null; openNow: boolean };

/** The SLA metrics a ticket is timed on. */
export const SLA_METRICS = ["first_response", "next_response", "resolution"] as const;
/** One SLA metric. */
export type SlaMetric = (typeof SLA_METRICS)[number];

/** An SLA policy: the targets of one priority (GET/POST/PATCH /api/v1/sla-policies). */
export type SlaPolicyDTO = {
  id: string;
  priority: TicketPriority;
  firstResponseMinutes: number;
  nextResponseMinutes: number;
  resolutionMinutes: number;
  /** Count the minutes in the business hours of the ticket's inbox (when it has them). */
  businessHours: boolean;
  /** A warning is recorded once this share of the time is used (percent). */
  warnAtPercent: number;
  createdAt: string;
  updatedAt: string;
};

/** A ticket's most pressing open SLA target (the earliest due one still running), or null when none runs. */
export type TicketSlaDTO = {
  metric: SlaMetric;
  dueAt: string;
  /** Past its due time and recorded as a breach. */
  breached: boolean;
  /** Past its warning point. */
  warned: boolean;
};
