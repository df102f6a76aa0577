/**
 * The web widget's look (colour, title, greeting, launcher side, avatar, reply-time line) and what the widget tells the
 * server about the visitor's page, browser and time zone; shared by the server, the widget and the console (no zod here:
 * the widget and console bundles stay small; the server's schemas live in modules/inboxes/widget-look.schemas.ts).
 */

/** How soon the team usually replies, shown as "We usually reply in …" under the title ("none" hides the line). */
export const REPLY_TIMES = ["minutes", "hour", "hours", "day", "none"] as const;

/** One of REPLY_TIMES. */
export type ReplyTime = (typeof REPLY_TIMES)[number];

/** Which bottom corner the launcher sits in. */
export const LAUNCHER_POSITIONS = ["right", "left"] as const;

/** The look of one web inbox's widget. */
export type WidgetLook = {
  /** Accent colour, `#rrggbb`. */
  color: string;
  title: string;
  /** The first line the visitor reads in an empty chat. */
  greeting: string;
  position: (typeof LAUNCHER_POSITIONS)[number];
  /** An https image URL for the header avatar, or null for initials. */
  avatarUrl: string | null;
  /** One to three letters shown when there is no avatar image (null: the chat icon). */
  avatarInitials: string | null;
  replyTime: ReplyTime;
};

/** The look a web inbox has until an admin changes it. */
export const DEFAULT_WIDGET_LOOK: WidgetLook = {
  color: "#4f46e5",
  title: "Chat with us",
  greeting: "Hi! Ask us anything, we're here to help.",
  position: "right",
  avatarUrl: null,
  avatarInitials: null,
  replyTime: "minutes",
};

/** Longest title, greeting and avatar URL accepted, in characters. */
export const WIDGET_LOOK_LIMITS = { title: 60, greeting: 280, avatarUrl: 500, avatarInitials: 3 } as const;

/** Smallest contrast ratio (WCAG 2 AA for normal text) between the accent colour and the text drawn on it. */
export const MIN_TEXT_CONTRAST = 4.5;

/** The two text colours the widget draws on its accent colour: white, or the widget's dark text. */
export const TEXT_ON_ACCENT = { light: "#ffffff", dark: "#1f2330" } as const;

/** Whether a string is a `#rrggbb` colour. */
export function isHexColor(value: string): boolean {
  return /^#[0-9a-fA-F]{6}$/.test(value);
}

// WCAG 2 relative luminance of a #rrggbb colour (https://www.w3.org/TR/WCAG21/#dfn-relative-luminance).
function luminance(hex: string): number {
  const channels = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio of two `#rrggbb` colours, from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** The text colour (white or dark) that reads best on an accent colour, and its contrast ratio. */
export function textOn(color: string): { text: string; contrast: number } {
  const light = contrastRatio(color, TEXT_ON_ACCENT.light);
  const dark = contrastRatio(color, TEXT_ON_ACCENT.dark);
  return light >= dark ? { text: TEXT_ON_ACCENT.light, contrast: light } : { text: TEXT_ON_ACCENT.dark, contrast: dark };
}

/** "We usually reply in …" lines by reply time (English; null hides the line). */
export const REPLY_TIME_TEXT: Record<ReplyTime, string | null> = {
  minutes: "We usually reply in a few minutes",
  hour: "We usually reply within an hour",
  hours: "We usually reply in a few hours",
  day: "We usually reply within a day",
  none: null,
};

/** The initials shown for a look: its own, else the title's first letters (letters only), at most two. */
export function lookInitials(look: Pick<WidgetLook, "avatarInitials" | "title">): string {
  if (look.avatarInitials) return look.avatarInitials.toUpperCase();
  const words = look.title.match(/\p{L}+/gu) ?? [];
  return words
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join("");
}

/** "config" the server sends on every /widget connection (and GET /widget/config/:inboxId answers): the inbox's look. */
export type WidgetConfigEvent = { look: WidgetLook };

/** Longest page URL, page title and time zone the widget may send, in characters. */
export const VISITOR_CONTEXT_LIMITS = { pageUrl: 2000, pageTitle: 300, timeZone: 64 } as const;

/** What the widget says about where the visitor is, in its handshake (`page`, `timeZone`). */
export type VisitorHandshake = { page?: { url: string; title?: string }; timeZone?: string };

/** What an agent sees about an anonymous web visitor: the page they chat from, their browser and their time zone. */
export type VisitorContextDTO = {
  pageUrl: string | null;
  pageTitle: string | null;
  /** "Chrome 126 on Windows", from the user agent (see README, Widget look and visitor details). */
  browser: string | null;
  /** IANA time zone from the visitor's browser (Intl), e.g. "Europe/Paris". */
  timeZone: string | null;
  /** When the widget last told the server. */
  seenAt: string;
};
