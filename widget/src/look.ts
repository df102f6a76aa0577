/** Applies an inbox's look to the mounted widget: CSS custom properties for colours and side, text for every string. */
import { REPLY_TIME_TEXT, isHexColor, lookInitials, textOn, type VisitorHandshake, type WidgetLook } from "../../src/contracts/widget-look.ts";
import { el, icon } from "./dom.ts";

/** The elements a look changes. */
export type LookTargets = { root: HTMLElement; title: HTMLElement; subtitle: HTMLElement; greeting: HTMLElement; avatar: HTMLElement; log: HTMLElement };

/** What the embedding page fixed with data-attributes; these win over the inbox's look. */
export type LookOverrides = { title?: string; color?: string };

function renderAvatar(avatar: HTMLElement, look: WidgetLook): void {
  const initials = lookInitials(look);
  const fallback = (): void => {
    if (initials) avatar.replaceChildren(el("span", "initials", {}, initials));
    else avatar.replaceChildren(icon("chat", true));
  };
  if (!look.avatarUrl?.startsWith("https://")) return fallback();
  const img = el("img", "avatar-img", { alt: "", src: look.avatarUrl, referrerpolicy: "no-referrer" });
  // An image that does not load (blocked by the page's policy, gone) falls back to the initials.
  img.addEventListener("error", fallback, { once: true });
  avatar.replaceChildren(img);
}

/** Sets the widget's colours, corner, title, reply-time line, greeting and avatar from a look (all text as text). */
export function applyLook(targets: LookTargets, look: WidgetLook, overrides: LookOverrides = {}): void {
  // A data-color (any CSS colour) was applied at mount and stays.
  if (!overrides.color && isHexColor(look.color)) {
    targets.root.style.setProperty("--sb-accent", look.color);
    targets.root.style.setProperty("--sb-on-accent", textOn(look.color).text);
  }
  targets.root.classList.toggle("left", look.position === "left");
  const title = overrides.title ?? look.title;
  targets.title.textContent = title;
  targets.log.setAttribute("aria-label", title);
  const reply = REPLY_TIME_TEXT[look.replyTime] ?? null;
  targets.subtitle.textContent = reply ?? "";
  targets.subtitle.hidden = reply === null;
  targets.greeting.textContent = look.greeting;
  renderAvatar(targets.avatar, look);
  targets.root.dataset.look = "applied";
}

/** Where the visitor is, for agents: this page's URL and title, and the browser's time zone. */
export function visitorDetails(): VisitorHandshake {
  let timeZone: string | undefined;
  try {
    timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    timeZone = undefined;
  }
  return { page: { url: location.href.slice(0, 2000), title: document.title.slice(0, 300) }, ...(timeZone ? { timeZone } : {}) };
}

/** Fetches the inbox's look as the script loads (null when the server does not answer or the inbox is not a web one). */
export async function fetchLook(origin: string, inbox: string): Promise<WidgetLook | null> {
  try {
    const res = await fetch(`${origin}/widget/config/${encodeURIComponent(inbox)}`, { credentials: "omit" });
    if (!res.ok) return null;
    const body = (await res.json()) as { data?: { look?: WidgetLook } };
    return body.data?.look ?? null;
  } catch {
    return null;
  }
}
