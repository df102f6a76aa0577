/**
 * A web visitor's details for agents: the page they chat from, their browser (read from the user agent by the rule
 * below) and their time zone, kept on their conversation and refreshed on every widget connection.
 */
import type { VisitorContextDTO } from "../../contracts/widget-look.ts";
import type { VisitorContextRow } from "../../db/schema/conversations.ts";
import type { ServiceDeps } from "../deps.ts";
import { updateVisitorContext } from "./visitor-context.repo.ts";

// Checked in this order because browsers name the engines they are compatible with: Edge and Opera say "Chrome", Chrome
// says "Safari". The first match names the browser with its major version.
const BROWSERS: [RegExp, string][] = [
  [/\bEdg(?:e|A|iOS)?\/(\d+)/, "Edge"],
  [/\bOPR\/(\d+)/, "Opera"],
  [/\bSamsungBrowser\/(\d+)/, "Samsung Internet"],
  [/\b(?:Firefox|FxiOS)\/(\d+)/, "Firefox"],
  [/\b(?:HeadlessChrome|Chrome|CriOS)\/(\d+)/, "Chrome"],
  [/\bVersion\/(\d+)[\d.]* (?:Mobile\/\S+ )?Safari\//, "Safari"],
];

const SYSTEMS: [RegExp, string][] = [
  [/\bWindows NT\b/, "Windows"],
  [/\b(?:iPhone|iPad|iPod)\b/, "iOS"],
  [/\bAndroid\b/, "Android"],
  [/\bCrOS\b/, "ChromeOS"],
  [/\bMac OS X\b|\bMacintosh\b/, "macOS"],
  [/\bLinux\b/, "Linux"],
];

/** "Chrome 126 on Windows" from a User-Agent header; "Other browser" when no rule matches, null when there is none. */
export function browserOf(userAgent: string | undefined): string | null {
  if (!userAgent) return null;
  const ua = userAgent.slice(0, 512);
  let browser = "Other browser";
  for (const [pattern, name] of BROWSERS) {
    const match = pattern.exec(ua);
    if (match) {
      browser = `${name} ${match[1]}`;
      break;
    }
  }
  const system = SYSTEMS.find(([pattern]) => pattern.test(ua))?.[1];
  return system ? `${browser} on ${system}` : browser;
}

/** Whether Intl knows a time zone name (so the console can show the visitor's local time). */
export function isKnownTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The stored details from what a widget connection says; `now` stamps when. */
export function visitorContext(input: { pageUrl?: string; pageTitle?: string; userAgent?: string; timeZone?: string }, now = new Date()): VisitorContextRow {
  return {
    pageUrl: input.pageUrl ?? null,
    pageTitle: input.pageTitle || null,
    browser: browserOf(input.userAgent),
    timeZone: input.timeZone && isKnownTimeZone(input.timeZone) ? input.timeZone : null,
    seenAt: now.toISOString(),
  };
}

/** Stores a visitor's details on their conversation and tells the console (its sidebar shows them). */
export async function saveVisitorContext(deps: Pick<ServiceDeps, "db" | "events">, conversationId: string, context: VisitorContextRow): Promise<void> {
  await updateVisitorContext(deps.db, conversationId, context);
  deps.events.emit("conversation.updated", { conversationId });
}

/** The details as the console shows them (null when the conversation is not from the widget or the widget never said). */
export function presentVisitorContext(row: VisitorContextRow | null | undefined): VisitorContextDTO | null {
  return row ? { pageUrl: row.pageUrl, pageTitle: row.pageTitle, browser: row.browser, timeZone: row.timeZone, seenAt: row.seenAt } : null;
}
