/** The console's SLA strings: due times on tickets, the SLA policies tab, an inbox's business hours. */
import type { SlaMetric, Weekday } from "../../src/contracts/sla.ts";

const METRIC: Record<SlaMetric, string> = { first_response: "First response", next_response: "Next response", resolution: "Resolution" };

/** "12 min", "3 h 5 min", "2 d 4 h". */
export function formatSpan(ms: number): string {
  const minutes = Math.max(1, Math.round(Math.abs(ms) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}

/** Strings of a ticket's due time. */
export const SLA_DUE_TEXT = {
  metric: METRIC,
  dueIn: (metric: SlaMetric, span: string) => `${METRIC[metric]} due in ${span}`,
  overdue: (metric: SlaMetric, span: string) => `${METRIC[metric]} overdue by ${span}`,
  label: "SLA",
  breachToast: (ticketNumber: number, metric: string) => `Ticket #${ticketNumber} breached its ${(METRIC[metric as SlaMetric] ?? metric).toLowerCase()} SLA and was escalated`,
  history: {
    warning: (metric: string) => `${METRIC[metric as SlaMetric] ?? metric} SLA nearly used up`,
    breached: (metric: string) => `${METRIC[metric as SlaMetric] ?? metric} SLA breached`,
  },
} as const;

/** Strings of Settings → SLA policies. */
export const SLA_POLICY_TEXT = {
  tab: "SLA policies",
  intro: "Targets per ticket priority, in minutes. Counted in the business hours of the ticket's inbox when ticked. A breach raises the ticket's priority one step and notifies the team's managers.",
  priority: "Priority",
  firstResponse: "First response (min)",
  nextResponse: "Next response (min)",
  resolution: "Resolution (min)",
  businessHours: "Business hours",
  warnAt: "Warn at (%)",
  actions: "Actions",
  add: "Add policy",
  save: "Save",
  edit: "Edit",
  cancel: "Cancel",
  remove: "Delete",
  yes: "Yes",
  no: "No",
  empty: "No SLA policies yet: tickets are not timed. Add one per priority.",
  allDefined: "Every priority has a policy.",
  priorities: { urgent: "Urgent", high: "High", normal: "Normal", low: "Low" },
  saved: "SLA policy saved",
  removed: "SLA policy deleted",
} as const;

/** Strings of an inbox's business hours dialog. */
export const BUSINESS_HOURS_TEXT = {
  open: "Hours",
  title: "Business hours",
  intro: "SLA times count only in these hours. Outside them, a customer who reaches your team is sent the offline message once per conversation.",
  timeZone: "Time zone (IANA)",
  timeZoneHint: "For example Europe/Paris or America/New_York.",
  ranges: "Opening hours, e.g. 09:00-12:00, 13:00-17:00 (empty: closed)",
  holidays: "Holidays (YYYY-MM-DD, comma separated)",
  offlineMessage: "Offline message",
  openNow: "Open now",
  closedNow: "Closed now",
  alwaysOpen: "No business hours: always open.",
  save: "Save hours",
  saving: "Saving…",
  clear: "Remove hours",
  cancel: "Cancel",
  loading: "Loading business hours…",
  failed: "The business hours could not be loaded.",
  saved: "Business hours saved",
  badRange: (text: string) => `"${text}" is not a range such as 09:00-17:00`,
  days: { mon: "Monday", tue: "Tuesday", wed: "Wednesday", thu: "Thursday", fri: "Friday", sat: "Saturday", sun: "Sunday" } satisfies Record<Weekday, string>,
} as const;
