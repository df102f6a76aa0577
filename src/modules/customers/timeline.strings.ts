/**
 * The one-line summaries of timeline entries, per locale. They are plain text built from stored data (the console
 * renders them as text, never as HTML).
 */

// Long enough to recognise a message or note, short enough for one line of the timeline.
const SUMMARY_CHARS = 140;

/** Text on one line, cut at SUMMARY_CHARS characters (whole code points) with an ellipsis. */
export function shorten(text: string, max = SUMMARY_CHARS): string {
  const line = text.replace(/\s+/g, " ").trim();
  const chars = Array.from(line);
  return chars.length <= max ? line : `${chars.slice(0, max - 1).join("").trimEnd()}…`;
}

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0);
}

/** A stored value as a summary shows it (a record such as a company `{id, name}` by its name). */
function shown(value: unknown): string {
  if (isEmpty(value)) return "nothing";
  if (typeof value === "string") return shorten(value, 60);
  if (typeof value === "object" && value !== null && typeof (value as { name?: unknown }).name === "string") return shorten((value as { name: string }).name, 60);
  if (Array.isArray(value)) return value.length === 0 ? "nothing" : shorten(value.map((v) => (typeof v === "string" ? v : JSON.stringify(v))).join(", "), 60);
  return shorten(JSON.stringify(value), 60);
}

const fieldLabels: Record<string, string> = {
  name: "Name",
  email: "Email",
  phone: "Phone",
  tier: "Tier",
  company: "Company",
  companyId: "Company",
  tags: "Tags",
  segment: "Segment",
  trackingNumber: "Tracking number",
  estimatedDelivery: "Estimated delivery",
};

function label(field: string): string {
  const attribute = field.startsWith("attributes.") ? field.slice("attributes.".length) : undefined;
  return fieldLabels[field] ?? (attribute ? `Attribute ${attribute}` : field.charAt(0).toUpperCase() + field.slice(1));
}

function change(field: string, value: unknown): string {
  const { from, to } = (value ?? {}) as { from?: unknown; to?: unknown };
  if (isEmpty(from)) return `${label(field)} set to ${shown(to)}`;
  if (isEmpty(to)) return `${label(field)} removed (was ${shown(from)})`;
  return `${label(field)} changed from ${shown(from)} to ${shown(to)}`;
}

function money(cents: unknown, currency: unknown): string {
  return typeof cents === "number" ? `${(cents / 100).toFixed(2)} ${typeof currency === "string" ? currency : ""}`.trim() : "";
}

/** English summaries. */
export const timelineStrings = {
  en: {
    by: (summary: string, actorName: string | null) => (actorName ? `${summary} by ${actorName}` : summary),
    conversation: (data: { firstLine?: unknown; channel?: unknown }) =>
      typeof data.firstLine === "string" && data.firstLine.trim() ? shorten(data.firstLine) : `Conversation started on ${shown(data.channel)}`,
    ticket: (type: string, data: Record<string, unknown>) => {
      const ticket = `Ticket #${shown(data.ticketNumber)}`;
      switch (type) {
        case "ticket.created":
          return `${ticket} opened: ${shown(data.subject)}`;
        case "ticket.assigned":
          return `${ticket} assigned to ${typeof data.assigneeName === "string" ? data.assigneeName : "an agent"}`;
        case "ticket.unassigned":
          return `${ticket} returned to the queue`;
        case "ticket.status_changed":
          return `${ticket} status changed from ${shown(data.from)} to ${shown(data.to)}`;
        case "ticket.priority_changed":
          return `${ticket} priority changed from ${shown(data.from)} to ${shown(data.to)}`;
        default:
          return `${ticket}: ${type.slice("ticket.".length).replace(/_/g, " ")}`;
      }
    },
    order: (type: string, data: Record<string, unknown>) => {
      const order = `Order ${shown(data.number)}`;
      if (type === "order.placed") return `${order} placed (${money(data.totalCents, data.currency)})`;
      if (type === "order.updated") {
        const changes = Object.entries((data.changes ?? {}) as Record<string, unknown>).map(([field, value]) => change(field, value));
        return changes.length > 0 ? `${order}: ${changes.join("; ")}` : `${order} updated`;
      }
      const via = typeof data.carrier === "string" ? ` with ${data.carrier}${typeof data.tracking === "string" ? ` (${data.tracking})` : ""}` : "";
      return `${order} ${type.slice("order.".length)}${type === "order.shipped" ? via : ""}`;
    },
    deal: (type: string, data: Record<string, unknown>) => {
      const deal = `Deal "${shown(data.title)}"`;
      if (type === "deal.created") return `${deal} opened in ${shown(data.to)} (${money(data.amountCents, data.currency)})`;
      if (data.outcome === "won") return `${deal} won (${money(data.amountCents, data.currency)})`;
      if (data.outcome === "lost") return `${deal} lost`;
      return `${deal} moved from ${shown(data.from)} to ${shown(data.to)}`;
    },
    note: (data: { text?: unknown }) => shorten(typeof data.text === "string" ? data.text : ""),
    event: (type: string, data: Record<string, unknown>) => {
      switch (type) {
        case "customer.created":
          return "Customer record created";
        case "customer.updated": {
          const changes = Object.entries((data.changes ?? {}) as Record<string, unknown>).map(([field, value]) => change(field, value));
          return changes.length > 0 ? changes.join("; ") : "Profile updated";
        }
        case "customer.merged":
          return `Merged with ${shown(data.otherName ?? data.otherEmail ?? data.otherId ?? "another record")}`;
        case "customer.tagged": {
          const added = Array.isArray(data.added) && data.added.length > 0 ? `Tagged ${shown(data.added)}` : "";
          const removed = Array.isArray(data.removed) && data.removed.length > 0 ? `Untagged ${shown(data.removed)}` : "";
          return [added, removed].filter(Boolean).join("; ") || "Tags changed";
        }
        case "suggestion.accepted":
          return `Suggested ${shown(data.field)} ${shown(data.value)} accepted`;
        case "suggestion.dismissed":
          return `Suggested ${shown(data.field)} ${shown(data.value)} dismissed`;
        case "customer.erased":
          return "Personal data erased";
        default:
          return type.replace(/[._]/g, " ").replace(/^./, (c) => c.toUpperCase());
      }
    },
  },
} as const;
