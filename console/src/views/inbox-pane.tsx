/** The left pane: conversations or tickets, their filters, the live list and "Load more". */
import { useEffect, useState } from "preact/hooks";
import type { TicketDTO } from "../../../src/contracts/api.ts";
import { CONVERSATION_CHANNELS, type ConversationChannel } from "../../../src/contracts/channel-names.ts";
import { formatChannel } from "../format.ts";
import type { ConsoleOperations } from "../controller/operations.ts";
import type { ConsoleState, ConversationFilter, TicketFilter } from "../store/types.ts";
import { INBOX_TEXT } from "../strings.ts";
import { EmptyState } from "./common.tsx";
import { HELPDESK_TEXT } from "../helpdesk-strings.ts";
import { AGENT_TOOLS_TEXT } from "../agent-tools-strings.ts";
import { useLabels } from "./label-picker.tsx";
import { ConversationItem, TicketItem } from "./list-items.tsx";

const CONVERSATION_FILTERS: { value: ConversationFilter; label: string }[] = [
  { value: "open", label: INBOX_TEXT.filterOpen },
  { value: "handoff", label: INBOX_TEXT.filterHandoff },
  { value: "bot", label: INBOX_TEXT.filterBot },
  { value: "snoozed", label: INBOX_TEXT.filterSnoozed },
  { value: "resolved", label: INBOX_TEXT.filterResolved },
  { value: "all", label: INBOX_TEXT.filterAll },
];

const TICKET_STATUSES: { value: TicketFilter["status"]; label: string }[] = [
  { value: "open", label: INBOX_TEXT.ticketOpen },
  { value: "pending", label: INBOX_TEXT.ticketPending },
  { value: "resolved", label: INBOX_TEXT.ticketResolved },
];

const TICKET_ASSIGNEES: { value: TicketFilter["assignee"]; label: string }[] = [
  { value: "any", label: INBOX_TEXT.assigneeAny },
  { value: "me", label: INBOX_TEXT.assigneeMe },
  { value: "unassigned", label: INBOX_TEXT.assigneeUnassigned },
];

function LoadMore(props: { visible: boolean; loading: boolean; onClick: () => void; testId: string }) {
  if (!props.visible) return null;
  return (
    <div class="list__more">
      <button type="button" class="button button--secondary button--block" disabled={props.loading} onClick={props.onClick} data-testid={props.testId}>
        {props.loading ? INBOX_TEXT.loading : INBOX_TEXT.loadMore}
      </button>
    </div>
  );
}

/** Narrows the conversation list to one label. */
function LabelFilter(props: { state: ConsoleState; ops: ConsoleOperations }) {
  const { labels } = useLabels();
  if (!labels || labels.length === 0) return null;
  return (
    <select
      class="select select--compact"
      aria-label={HELPDESK_TEXT.labelFilter}
      value={props.state.conversationLabel ?? ""}
      onChange={(e) => void props.ops.setConversationLabel(e.currentTarget.value || null)}
      data-testid="label-filter"
    >
      <option value="">{HELPDESK_TEXT.labelFilterAll}</option>
      {labels.map((l) => (
        <option value={l.id}>{l.name}</option>
      ))}
    </select>
  );
}

function ConversationList(props: { state: ConsoleState; ops: ConsoleOperations }) {
  const { state, ops } = props;
  const list = state.conversations;
  return (
    <>
      <div class="chips" role="tablist" data-testid="conversation-filters">
        {CONVERSATION_FILTERS.map((f) => (
          <button
            type="button"
            role="tab"
            aria-selected={state.conversationFilter === f.value}
            class={`chip${state.conversationFilter === f.value ? " chip--active" : ""}`}
            onClick={() => void ops.setConversationFilter(f.value)}
            data-testid={`filter-${f.value}`}
          >
            {f.label}
          </button>
        ))}
        <LabelFilter state={state} ops={ops} />
      </div>
      <div class="list__toolbar">
        <label class="field field--inline">
          <span class="field__label">{INBOX_TEXT.channelFilter}</span>
          <select
            class="select select--compact"
            value={state.conversationChannel ?? ""}
            onChange={(e) => void ops.setConversationChannel((e.currentTarget.value || null) as ConversationChannel | null)}
            data-testid="conversation-channel"
          >
            <option value="">{INBOX_TEXT.allChannels}</option>
            {CONVERSATION_CHANNELS.map((channel) => (
              <option value={channel}>{formatChannel(channel)}</option>
            ))}
          </select>
        </label>
      </div>
      <div class="list" data-testid="conversation-list">
        {list.loaded && list.items.length === 0 ? (
          state.conversationFilter === "snoozed" ? (
            <EmptyState title={INBOX_TEXT.emptySnoozed} hint={INBOX_TEXT.emptySnoozedHint} testId="conversations-empty" />
          ) : (
            <EmptyState title={INBOX_TEXT.emptyConversations} hint={INBOX_TEXT.emptyConversationsHint} testId="conversations-empty" />
          )
        ) : (
          <ul class="list__items">
            {list.items.map((c) => (
              <ConversationItem
                key={c.id}
                conversation={c}
                selected={c.id === state.selectedId}
                unread={state.unread[c.id] ?? 0}
                typing={state.typing[c.id] === true}
                onSelect={(id) => void ops.selectConversation(id)}
              />
            ))}
          </ul>
        )}
        {!list.loaded && list.loading ? <p class="list__loading">{INBOX_TEXT.loading}</p> : null}
        <LoadMore visible={list.nextCursor !== null} loading={list.loading} onClick={() => void ops.loadMoreConversations()} testId="conversations-load-more" />
      </div>
    </>
  );
}

function TicketList(props: { state: ConsoleState; ops: ConsoleOperations }) {
  const { state, ops } = props;
  const list = state.tickets;
  const filter = state.ticketFilter;
  const open = (ticket: TicketDTO): void => void ops.selectConversation(ticket.conversationId);
  return (
    <>
      <div class="chips" data-testid="ticket-filters">
        {TICKET_STATUSES.map((s) => (
          <button
            type="button"
            class={`chip${filter.status === s.value ? " chip--active" : ""}`}
            aria-pressed={filter.status === s.value}
            onClick={() => void ops.setTicketFilter({ ...filter, status: s.value })}
            data-testid={`ticket-filter-${s.value}`}
          >
            {s.label}
          </button>
        ))}
        <select
          class="select select--compact"
          value={filter.assignee}
          onChange={(e) => void ops.setTicketFilter({ ...filter, assignee: e.currentTarget.value as TicketFilter["assignee"] })}
          data-testid="ticket-filter-assignee"
        >
          {TICKET_ASSIGNEES.map((a) => (
            <option value={a.value}>{a.label}</option>
          ))}
        </select>
      </div>
      <div class="list" data-testid="ticket-list">
        {list.loaded && list.items.length === 0 ? (
          <EmptyState title={INBOX_TEXT.emptyTickets} hint={INBOX_TEXT.emptyTicketsHint} testId="tickets-empty" />
        ) : (
          <ul class="list__items">
            {list.items.map((t) => (
              <TicketItem key={t.id} ticket={t} selected={t.conversationId === state.selectedId} onSelect={open} />
            ))}
          </ul>
        )}
        {!list.loaded && list.loading ? <p class="list__loading">{INBOX_TEXT.loading}</p> : null}
        <LoadMore visible={list.nextCursor !== null} loading={list.loading} onClick={() => void ops.loadMoreTickets()} testId="tickets-load-more" />
      </div>
    </>
  );
}

/** How often relative times ("5m") in the lists are recomputed. */
const CLOCK_TICK_MS = 30_000;

/** The inbox pane with its two tabs. */
export function InboxPane(props: { state: ConsoleState; ops: ConsoleOperations }) {
  const { state, ops } = props;
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), CLOCK_TICK_MS);
    return () => clearInterval(timer);
  }, []);
  // Unread per list: conversations with new customer messages; tickets newly assigned to the user, not opened yet.
  const unreadConversations = Object.keys(state.unread).length;
  const unreadTickets = state.unreadAssigned.length;
  const tab = (view: ConsoleState["view"], label: string, list: { items: unknown[]; nextCursor: string | null }, unread: number) => (
    <button
      type="button"
      role="tab"
      aria-selected={state.view === view}
      class={`tab${state.view === view ? " tab--active" : ""}`}
      onClick={() => ops.setView(view)}
      data-testid={`tab-${view}`}
    >
      {label}
      <span class="tab__count">
        {list.items.length}
        {list.nextCursor ? "+" : ""}
      </span>
      {unread > 0 ? (
        <span class="tab__unread" data-testid={`tab-${view}-unread`} aria-label={`${unread} ${AGENT_TOOLS_TEXT.unreadBadge}`}>
          {unread}
        </span>
      ) : null}
    </button>
  );
  return (
    <aside class="pane pane--inbox" aria-label={INBOX_TEXT.conversations}>
      <div class="tabs" role="tablist">
        {tab("conversations", INBOX_TEXT.conversations, state.conversations, unreadConversations)}
        {tab("tickets", INBOX_TEXT.tickets, state.tickets, unreadTickets)}
      </div>
      {state.view === "conversations" ? <ConversationList state={state} ops={ops} /> : <TicketList state={state} ops={ops} />}
    </aside>
  );
}
