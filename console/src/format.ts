/** Pure formatting helpers for the console views (times, periods, counts, scores, sentiment tones, initials). */
import type { CustomerDTO, SentimentTrend } from "../../src/contracts/api.ts";
import { visitorName } from "../../src/contracts/visitor-name.ts";
import { UNKNOWN_INTENT, type Entity, type Intent, type Sentiment } from "../../src/contracts/nlp.ts";
import { CHANNEL_NAMES, DETAILS_TEXT } from "./strings.ts";

/** Visual tone of a sentiment value, used as a CSS modifier. */
export type Tone = "negative" | "neutral" | "positive";

/** Direction of a conversation's sentiment between its first and latest customer message. */
export type TrendDirection = "improving" | "worsening" | "steady";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Formats an ISO time relative to `now` for lists: "now", "5m", "3h", "2d", or a short date. */
export function formatRelativeTime(iso: string, now: number = Date.now()): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return "";
  const ago = Math.max(0, now - at);
  if (ago < MINUTE) return "now";
  if (ago < HOUR) return `${Math.floor(ago / MINUTE)}m`;
  if (ago < DAY) return `${Math.floor(ago / HOUR)}h`;
  if (ago < 7 * DAY) return `${Math.floor(ago / DAY)}d`;
  return new Date(at).toLocaleDateString(undefined, { month: "short", day: "numeric" });
}

/** Formats an ISO time as a clock time ("14:05") for message bubbles. */
export function formatClock(iso: string): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return "";
  return new Date(at).toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });
}

/** Formats an ISO time as a date ("Mar 3, 2026") for profile fields. */
export function formatDate(iso: string): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return "";
  return new Date(at).toLocaleDateString(undefined, { year: "numeric", month: "short", day: "numeric" });
}

/** Formats a 0..1 confidence as a whole percentage ("87%"), clamped to the range. */
export function formatPercent(confidence: number): string {
  if (!Number.isFinite(confidence)) return "0%";
  return `${Math.round(Math.min(1, Math.max(0, confidence)) * 100)}%`;
}

/** Formats a 0..1 share as a whole percentage that never rounds a few to none or nearly all to all ("<1%", "67%", ">99%"). */
export function formatShare(share: number): string {
  if (!Number.isFinite(share) || share <= 0) return "0%";
  if (share >= 1) return "100%";
  if (share < 0.01) return "<1%";
  if (share > 0.99) return ">99%";
  return `${Math.round(share * 100)}%`;
}

/** Formats a count with the locale's digit grouping ("1,234"). */
export function formatNumber(count: number, locale?: string): string {
  return Math.round(count).toLocaleString(locale);
}

/** Formats a count with its noun, singular for one ("1 customer message", "312 customer messages"). */
export function formatCount(count: number, one: string, many: string, locale?: string): string {
  return `${formatNumber(count, locale)} ${count === 1 ? one : many}`;
}

/**
 * Formats a period [from, to) as a compact day range in the locale's style ("2–8 Dec", "Dec 2 – 8"), the year only
 * when it changes; `to` is exclusive, so a period ending at midnight ends on the day before.
 */
export function formatDateRange(fromIso: string, toIso: string, locale?: string): string {
  const from = Date.parse(fromIso);
  const to = Date.parse(toIso);
  if (Number.isNaN(from) || Number.isNaN(to)) return "";
  const last = new Date(Math.max(from, to - 1));
  const first = new Date(from);
  const year = first.getFullYear() === last.getFullYear() ? {} : { year: "numeric" as const };
  return new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", ...year }).formatRange(first, last);
}

/** Formats a signed score with an explicit sign and at most two decimals ("+3", "−1.25", "0"). */
export function formatScore(score: number): string {
  if (!Number.isFinite(score) || score === 0) return "0";
  const rounded = Math.round(score * 100) / 100;
  if (rounded === 0) return "0";
  const body = String(Math.abs(rounded));
  return rounded > 0 ? `+${body}` : `\u2212${body}`;
}

/** Maps a score to a tone: below zero negative, above zero positive. */
export function scoreTone(score: number): Tone {
  if (score < 0) return "negative";
  if (score > 0) return "positive";
  return "neutral";
}

/** The tone of a message sentiment: its label, which the pipeline decided with its own thresholds. */
export function sentimentTone(sentiment: Sentiment): Tone {
  return sentiment.label;
}

/** Lists the words that drove a sentiment, strongest first, as "angry −3, refund −2". */
export function formatDrivers(sentiment: Sentiment, max = 5): string {
  return [...sentiment.drivers]
    .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight))
    .slice(0, max)
    .map((d) => `${d.text} ${formatScore(d.weight)}`)
    .join(", ");
}

/** Formats an entity for a chip as "type: text", with underscores in the type shown as spaces. */
export function formatEntity(entity: Entity): string {
  return `${entity.type.replace(/_/g, " ")}: ${entity.text}`;
}

/** Formats an entity's normalised value for its tooltip ("ORD-12345", "12.5 USD"), or "" when it has none. */
export function formatEntityValue(entity: Entity): string {
  const { value } = entity;
  if (value === null) return "";
  if (typeof value === "object") return `${value.amount} ${value.currency}`;
  return String(value);
}

/** Formats an intent name or machine code for display ("order_status" → "order status"). */
export function formatIntentName(name: string): string {
  return name.replace(/[_.]/g, " ");
}

/**
 * The confidence shown beside an intent ("87%"), or "" for the unknown intent: there the figure belongs to the closest
 * intent the model rejected, which the chip's tooltip lists with the other alternatives.
 */
export function formatIntentConfidence(intent: Pick<Intent, "name" | "confidence">): string {
  return intent.name === UNKNOWN_INTENT ? "" : formatConfidence(intent.confidence);
}

/** The runner-up intent with its share ("cancel order 12%"), or "" when there is none. */
export function formatRunnerUp(intent: Pick<Intent, "alternatives">): string {
  const next = intent.alternatives.find((a) => a.name !== UNKNOWN_INTENT);
  return next ? `${formatIntentName(next.name)} ${formatConfidence(next.confidence)}` : "";
}

/** A model's confidence as a share that is never "100%" or "0%": no intent is certain, no runner-up impossible. */
export function formatConfidence(confidence: number): string {
  if (!Number.isFinite(confidence) || confidence < 0.01) return "<1%";
  if (confidence > 0.99) return ">99%";
  return `${Math.round(confidence * 100)}%`;
}

/** Turns a machine code such as a hand-off reason into words ("negative_sentiment" → "Negative sentiment"). */
export function humanize(code: string): string {
  const words = code.replace(/[_.-]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Says whether a conversation's sentiment got better or worse, ignoring changes smaller than `epsilon`. */
export function trendDirection(trend: NonNullable<SentimentTrend>, epsilon = 0.05): TrendDirection {
  const delta = trend.end - trend.start;
  if (delta > epsilon) return "improving";
  if (delta < -epsilon) return "worsening";
  return "steady";
}

/** Label of a trend direction. */
export function trendLabel(direction: TrendDirection): string {
  if (direction === "improving") return DETAILS_TEXT.improving;
  if (direction === "worsening") return DETAILS_TEXT.worsening;
  return DETAILS_TEXT.steady;
}

/** The name to show for a customer: name, else email, else phone, else a stable generated one ("Visitor · Amber Otter"). */
export function customerDisplayName(customer: CustomerDTO): string {
  return customer.name?.trim() || customer.email?.trim() || customer.phone?.trim() || visitorName(customer.id);
}

/** Up to two initials for an avatar ("Ada Lovelace" → "AL"; "ada@x.io" → "A"). */
export function initials(label: string): string {
  const words = label
    .replace(/@.*$/, "")
    .split(/[\s._-]+/)
    // Words that start with a letter or digit ("Visitor · Kind Lynx" → "VK", not "V·").
    .filter((w) => /^[\p{L}\p{N}]/u.test(w));
  const letters = words.slice(0, 2).map((w) => w[0]?.toUpperCase() ?? "");
  return letters.join("") || "?";
}

/** Picks a stable avatar hue (0..359) from an id so a customer keeps the same colour everywhere. */
export function avatarHue(id: string): number {
  let hash = 0;
  for (let i = 0; i < id.length; i += 1) hash = (hash * 31 + id.charCodeAt(i)) | 0;
  return Math.abs(hash) % 360;
}

/** Shortens text to `max` characters on one line, ending with an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length <= max ? oneLine : `${oneLine.slice(0, Math.max(0, max - 1))}…`;
}

/** A channel as people call it: "SMS", "Bot Framework (msteams)" for a Bot Framework channel; an unknown one as stored. */
export function formatChannel(channel: string): string {
  const [kind, behind] = channel.split(":", 2) as [string, string | undefined];
  const name = CHANNEL_NAMES[kind] ?? channel;
  return behind ? `${name} (${behind})` : name;
}

/** Formats a file size for people: "812 B", "4.2 KB", "3.1 MB" (units of 1,024). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return "";
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KB", "MB", "GB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}
