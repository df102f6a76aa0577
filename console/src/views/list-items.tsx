/** Rows of the inbox lists: one conversation, one ticket. */
import type { ConversationDTO, TicketDTO } from "../../../src/contracts/api.ts";
import { customerDisplayName, formatRelativeTime, humanize, truncate } from "../format.ts";
import { CONVERSATION_TEXT, INBOX_TEXT } from "../strings.ts";
import { AGENT_TOOLS_TEXT } from "../agent-tools-strings.ts";
import { Avatar, ConversationStatusBadge, PriorityBadge, SentimentDot, TicketStatusBadge } from "./common.tsx";
import { LabelChips } from "./label-picker.tsx";
import { SlaDue } from "./sla-due.tsx";

const SENDER_PREFIX = {
  customer: "",
  agent: `${CONVERSATION_TEXT.senderAgent}: `,
  bot: `${CONVERSATION_TEXT.senderBot}: `,
  system: "",
} as const;

/** When a snooze ends, short: "Tue 9:00 AM"-like in the browser's locale. */
function formatSnoozeEnd(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { weekday: "short", hour: "numeric", minute: "2-digit" });
}

/** One conversation in the list: customer, last message, time, status, sentiment and unread count. */
export function ConversationItem(props: {
  conversation: ConversationDTO;
  selected: boolean;
  unread: number;
  typing: boolean;
  onSelect: (id: string) => void;
}) {
  const { conversation: c } = props;
  const name = customerDisplayName(c.customer);
  const last = c.lastMessage;
  const when = last?.createdAt ?? c.updatedAt;
  return (
    <li>
      <button
        type="button"
        class={`item${props.selected ? " item--selected" : ""}${props.unread > 0 ? " item--unread" : ""}`}
        onClick={() => props.onSelect(c.id)}
        data-testid="conversation-item"
        data-conversation-id={c.id}
        data-status={c.status}
        aria-current={props.selected ? "true" : undefined}
      >
        <Avatar id={c.customer.id} label={name} />
        <span class="item__body">
          <span class="item__row">
            <span class="item__title">{name}</span>
            <time class="item__time" dateTime={when} title={new Date(when).toLocaleString()}>
              {formatRelativeTime(when)}
            </time>
          </span>
          <span class="item__row">
            <span class={`item__preview${props.typing ? " item__preview--typing" : ""}`}>
              {props.typing
                ? CONVERSATION_TEXT.typing
                : last
                  ? `${SENDER_PREFIX[last.sender.type]}${truncate(last.text, 90)}`
                  : INBOX_TEXT.noMessages}
            </span>
            {props.unread > 0 ? <span class="count">{props.unread}</span> : null}
          </span>
          <span class="item__meta">
            <ConversationStatusBadge conversation={c} />
            {c.snoozedUntil && Date.parse(c.snoozedUntil) > Date.now() ? (
              <span class="item__snoozed" data-testid="conversation-snoozed">
                {AGENT_TOOLS_TEXT.snoozedUntil} {formatSnoozeEnd(c.snoozedUntil)}
              </span>
            ) : null}
            <span class="item__channel">{c.channel}</span>
            <SentimentDot trend={c.sentiment} />
            <LabelChips labels={c.labels ?? []} />
          </span>
        </span>
      </button>
    </li>
  );
}

/** One ticket in the list: number, subject, priority, status and assignee. */
export function TicketItem(props: { ticket: TicketDTO; selected: boolean; onSelect: (ticket: TicketDTO) => void }) {
  const { ticket: t } = props;
  return (
    <li>
      <button
        type="button"
        class={`item item--ticket${props.selected ? " item--selected" : ""}`}
        onClick={() => props.onSelect(t)}
        data-testid="ticket-item"
        data-ticket-id={t.id}
        data-status={t.status}
        aria-current={props.selected ? "true" : undefined}
      >
        <span class="item__body">
          <span class="item__row">
            <span class="item__title">
              <span class="item__number">#{t.number}</span> {t.subject}
            </span>
            <time class="item__time" dateTime={t.updatedAt}>
              {formatRelativeTime(t.updatedAt)}
            </time>
          </span>
          <span class="item__row">
            <span class="item__preview">{truncate(humanize(t.reason), 90)}</span>
          </span>
          <span class="item__meta">
            <TicketStatusBadge status={t.status} />
            <PriorityBadge priority={t.priority} />
            <SlaDue sla={t.sla} />
            <span class="item__assignee">{t.assignee ? t.assignee.name : INBOX_TEXT.unassigned}</span>
          </span>
        </span>
      </button>
    </li>
  );
}
