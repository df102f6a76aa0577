/** Small shared view pieces: avatar, badges, empty state and the error banner. */
import type { ComponentChildren } from "preact";
import { useEffect } from "preact/hooks";
import type { ConversationDTO, SentimentTrend, TicketPriority, TicketStatus } from "../../../src/contracts/api.ts";
import { HELPDESK_TEXT } from "../helpdesk-strings.ts";
import { avatarHue, formatScore, initials, scoreTone } from "../format.ts";
import { CONVERSATION_STATUS_TEXT, ERROR_TEXT, PRIORITY_TEXT, TICKET_STATUS_TEXT } from "../strings.ts";

/** A round avatar with initials, coloured by a stable hue from the id. */
export function Avatar(props: { id: string; label: string; size?: "sm" | "md" | "lg" }) {
  const hue = avatarHue(props.id);
  return (
    <span
      class={`avatar avatar--${props.size ?? "md"}`}
      style={{ background: `hsl(${hue} 55% 88%)`, color: `hsl(${hue} 45% 30%)` }}
      aria-hidden="true"
    >
      {initials(props.label)}
    </span>
  );
}

/**
 * A conversation status pill that says what is true now: with the bot, resolved, or with humans, naming who has it
 * (or the queue) and whose turn it is (the customer wrote last: waiting for us; we did: waiting for the customer).
 */
export function ConversationStatusBadge(props: { conversation: Pick<ConversationDTO, "status" | "assignee" | "lastMessage"> }) {
  const { status } = props.conversation;
  const text = conversationStateText(props.conversation);
  return (
    <span class={`badge badge--conv-${status}`} title={text} data-testid="conversation-state">
      {text}
    </span>
  );
}

/** The words of a conversation's status pill. */
export function conversationStateText(c: Pick<ConversationDTO, "status" | "assignee" | "lastMessage">): string {
  if (c.status !== "handoff") return CONVERSATION_STATUS_TEXT[c.status];
  const who = c.assignee?.name ?? HELPDESK_TEXT.queue;
  // Once a conversation is handed off only an agent's reply answers the customer; the bot's hand-off line does not.
  const waiting = c.lastMessage?.sender.type === "agent" ? HELPDESK_TEXT.waitingForCustomer : HELPDESK_TEXT.waitingForUs;
  return `${who} · ${waiting}`;
}

/** A ticket status pill. */
export function TicketStatusBadge(props: { status: TicketStatus }) {
  return <span class={`badge badge--ticket-${props.status}`}>{TICKET_STATUS_TEXT[props.status]}</span>;
}

/** A ticket priority pill. */
export function PriorityBadge(props: { priority: TicketPriority }) {
  return <span class={`badge badge--priority-${props.priority}`}>{PRIORITY_TEXT[props.priority]}</span>;
}

/** A coloured dot for a conversation's current sentiment, with the score as its tooltip. */
export function SentimentDot(props: { trend: SentimentTrend }) {
  if (!props.trend) return null;
  const tone = scoreTone(props.trend.end);
  return <span class={`dot dot--${tone}`} title={formatScore(props.trend.end)} data-testid="conversation-sentiment" />;
}

/** A centred placeholder for an empty list or pane. */
export function EmptyState(props: { title: string; hint?: string; testId?: string; children?: ComponentChildren }) {
  return (
    <div class="empty" data-testid={props.testId}>
      <div class="empty__icon" aria-hidden="true">
        <svg viewBox="0 0 24 24" width="28" height="28" fill="none" stroke="currentColor" stroke-width="1.6">
          <path d="M4 5h16v10H8l-4 4z" stroke-linejoin="round" />
        </svg>
      </div>
      <p class="empty__title">{props.title}</p>
      {props.hint ? <p class="empty__hint">{props.hint}</p> : null}
      {props.children}
    </div>
  );
}

/** How long an error stays on screen unless dismissed earlier. */
const BANNER_MS = 10_000;

/** The banner showing the last error (the server's message); it closes itself after a while. */
export function ErrorBanner(props: { message: string | null; onDismiss: () => void }) {
  const { message, onDismiss } = props;
  useEffect(() => {
    if (!message) return undefined;
    const timer = setTimeout(onDismiss, BANNER_MS);
    return () => clearTimeout(timer);
  }, [message, onDismiss]);
  if (!message) return null;
  return (
    <div class="banner banner--error" role="alert" data-testid="error-banner">
      <span class="banner__text">{props.message}</span>
      <button type="button" class="banner__close" onClick={props.onDismiss} aria-label={ERROR_TEXT.dismiss}>
        ×
      </button>
    </div>
  );
}
