/** The widget's DOM inside a shadow root: launcher button, dialog panel, message log, typing line and composer. */
import { MAX_MESSAGE_LENGTH } from "../../src/contracts/messages.ts";
import type { ChatState } from "./chat.ts";
import { validateDraft } from "./chat.ts";
import { mountCsat } from "./csat-view.ts";
import { el, icon, textColorOn } from "./dom.ts";
import { MessageView } from "./message-view.ts";
import type { WidgetLook } from "../../src/contracts/widget-look.ts";
import { applyLook } from "./look.ts";
import type { WidgetStrings } from "./strings.ts";
import { WIDGET_CSS } from "./styles.ts";

/** What the view needs from the embedding code. */
export type ViewOptions = {
  strings: WidgetStrings;
  title?: string;
  color?: string;
  onOpen(): void;
  onSend(text: string): boolean;
  onRetry(clientMsgId: string): void;
  onInput(): void;
  onStopTyping(): void;
  onCsat(score: number, comment: string): void;
};

/** Handle on the mounted view. */
export type WidgetView = { render(state: ChatState): void; open(): void; close(): void; isOpen(): boolean; applyLook(look: WidgetLook): void };

const NEAR_BOTTOM_PX = 80;

/** Builds the widget inside the shadow root and wires its keyboard and mouse interactions. */
export function mountView(shadow: ShadowRoot, options: ViewOptions): WidgetView {
  const s = options.strings;
  const style = el("style");
  style.textContent = WIDGET_CSS;
  const root = el("div", "root");

  const launcher = el("button", "launcher", { type: "button", "aria-label": s.openChat, "aria-expanded": "false", "aria-controls": "sb-panel" });
  const badge = el("span", "badge", { "aria-hidden": "true" });
  badge.hidden = true;
  launcher.append(icon("chat", true), badge);

  const panel = el("div", "panel", { id: "sb-panel", role: "dialog", "aria-modal": "false", "aria-labelledby": "sb-title" });
  panel.hidden = true;
  const avatar = el("div", "avatar");
  avatar.append(icon("chat", true));
  const heading = el("div", "heading");
  const titleEl = el("h2", "title", { id: "sb-title" }, options.title ?? s.title);
  const subtitle = el("p", "subtitle", {}, s.subtitle);
  heading.append(titleEl, subtitle);
  const closeButton = el("button", "close", { type: "button", "aria-label": s.closeChat });
  closeButton.append(icon("close"));
  const header = el("div", "header");
  header.append(avatar, heading, closeButton);

  const banner = el("div", "banner", { role: "status" });
  banner.hidden = true;
  const log = el("div", "log", { role: "log", "aria-live": "polite", "aria-label": options.title ?? s.title });
  const empty = el("p", "empty", {}, s.empty);
  const list = el("div");
  list.style.display = "contents";
  log.append(empty, list);
  const typingLine = el("div", "typing", { "aria-live": "polite" });

  const textarea = el("textarea", "", { "aria-label": s.messageLabel, placeholder: s.placeholder, rows: "1" });
  const counter = el("div", "counter", { "aria-live": "polite" });
  counter.hidden = true;
  const field = el("div", "field");
  field.append(textarea, counter);
  const sendButton = el("button", "send", { type: "submit", "aria-label": s.send });
  sendButton.disabled = true;
  sendButton.append(icon("send", true));
  const composer = el("form", "composer");
  composer.append(field, sendButton);
  const footer = el("div", "footer", {}, s.poweredBy);

  const csat = mountCsat(s, options.onCsat);
  panel.append(header, banner, log, typingLine, csat.element, composer, footer);
  root.append(panel, launcher);
  shadow.append(style, root);
  if (options.color) {
    root.style.setProperty("--sb-accent", options.color);
    root.style.setProperty("--sb-on-accent", textColorOn(options.color, root));
  }

  const messages = new MessageView(list, s, options.onRetry);
  const seen = new Set<string>();
  let unread = 0;
  let blocked = false;
  let open = false;

  const refreshComposer = (): void => {
    const text = textarea.value;
    const problem = validateDraft(text);
    sendButton.disabled = blocked || problem !== null;
    counter.hidden = text.length === 0;
    counter.textContent = s.counter(text.length, MAX_MESSAGE_LENGTH);
    counter.classList.toggle("over", problem === "too-long");
    counter.title = problem === "too-long" ? s.tooLong(MAX_MESSAGE_LENGTH) : "";
    textarea.style.height = "auto";
    textarea.style.height = `${Math.min(textarea.scrollHeight, 120)}px`;
  };

  const submit = (): void => {
    const text = textarea.value.trim();
    if (blocked || !options.onSend(text)) return;
    textarea.value = "";
    options.onStopTyping();
    refreshComposer();
    log.scrollTop = log.scrollHeight;
  };

  const setOpen = (next: boolean): void => {
    if (next === open) return;
    const focusInside = panel.contains(shadow.activeElement);
    open = next;
    panel.hidden = !open;
    launcher.classList.toggle("open", open);
    launcher.setAttribute("aria-expanded", String(open));
    launcher.setAttribute("aria-label", open ? s.closeChat : s.openChat);
    launcher.replaceChildren(icon(open ? "chevron" : "chat", !open), badge);
    if (!open) {
      options.onStopTyping();
      if (focusInside) launcher.focus();
      return;
    }
    unread = 0;
    badge.hidden = true;
    options.onOpen();
    log.scrollTop = log.scrollHeight;
    textarea.focus();
  };

  launcher.addEventListener("click", () => setOpen(!open));
  closeButton.addEventListener("click", () => setOpen(false));
  panel.addEventListener("keydown", (e) => {
    if (e.key === "Escape") {
      e.stopPropagation();
      setOpen(false);
    }
  });
  composer.addEventListener("submit", (e) => {
    e.preventDefault();
    submit();
  });
  textarea.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      submit();
    }
  });
  textarea.addEventListener("input", () => {
    refreshComposer();
    if (textarea.value.length > 0) options.onInput();
    else options.onStopTyping();
  });

  const renderBanner = (state: ChatState): void => {
    const failed = state.connection === "failed";
    blocked = failed;
    textarea.disabled = failed;
    banner.classList.toggle("error", failed);
    let text = "";
    const code = state.error?.code;
    if (failed) text = code === "INBOX_NOT_FOUND" ? s.inboxNotFound : code === "IDENTITY_INVALID" || code === "IDENTITY_EXPIRED" ? s.identityRefused : s.refused(state.error?.message ?? "");
    else if (state.connection === "reconnecting") text = s.reconnecting;
    else if (state.connection === "connecting") text = s.connecting;
    banner.hidden = text === "";
    banner.textContent = text;
  };

  const renderTyping = (state: ChatState): void => {
    typingLine.replaceChildren();
    if (!state.typing) return;
    const dots = el("span", "dots", { "aria-hidden": "true" });
    dots.append(el("i"), el("i"), el("i"));
    const name = state.typing.name ?? s.senderNames[state.typing.type === "customer" ? "agent" : state.typing.type];
    typingLine.append(dots, el("span", "", {}, s.isTyping(name)));
  };

  const countUnread = (state: ChatState): void => {
    for (const item of state.items) {
      if (seen.has(item.key)) continue;
      seen.add(item.key);
      // Messages already there when the history first loads are not news.
      if (!open && state.historyLoaded && item.sender.type !== "customer") unread++;
    }
    badge.hidden = unread === 0 || open;
    badge.textContent = String(unread);
    launcher.setAttribute("aria-label", open ? s.closeChat : unread ? `${s.openChat} (${s.unread(unread)})` : s.openChat);
  };

  return {
    render(state) {
      const nearBottom = log.scrollHeight - log.scrollTop - log.clientHeight < NEAR_BOTTOM_PX;
      empty.hidden = state.items.length > 0 || state.connection === "failed";
      messages.render(state.items);
      renderBanner(state);
      renderTyping(state);
      refreshComposer();
      countUnread(state);
      csat.render(state.csat);
      if (nearBottom) log.scrollTop = log.scrollHeight;
    },
    open: () => setOpen(true),
    close: () => setOpen(false),
    isOpen: () => open,
    applyLook: (look) => applyLook({ root, title: titleEl, subtitle, greeting: empty, avatar, log }, look, { title: options.title, color: options.color }),
  };
}
