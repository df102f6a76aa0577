/** The right pane: the customer's profile and CRM record, the conversation's deals, the ticket (status, priority, assignee, resolve) and the sentiment trend. */
import { useState } from "preact/hooks";
import type { ConversationDTO, SentimentTrend, TicketDTO, TicketPriority, TicketStatus, UserDTO } from "../../../src/contracts/api.ts";
import type { ConsoleOperations } from "../controller/operations.ts";
import { customerDisplayName, formatChannel, formatDate, humanize, formatScore, scoreTone, trendDirection, trendLabel } from "../format.ts";
import type { ConsoleState } from "../store/types.ts";
import { DETAILS_TEXT, INBOX_TEXT, PRIORITY_TEXT, TICKET_STATUS_TEXT } from "../strings.ts";
import { Avatar, PriorityBadge, TicketStatusBadge } from "./common.tsx";
import { ProfileSummary } from "./crm/profile-summary.tsx";
import { ConversationDeals } from "./sales/conversation-deals.tsx";
import { TicketHistory } from "./ticket-history.tsx";
import { VisitorCard } from "./visitor-card.tsx";
import { AGENT_TOOLS_TEXT } from "../agent-tools-strings.ts";
import { AssignDialog } from "./assign-dialog.tsx";
import { SnoozeControl } from "./snooze-control.tsx";
import { SlaDue } from "./sla-due.tsx";

const STATUSES: TicketStatus[] = ["open", "pending", "resolved"];
const PRIORITIES: TicketPriority[] = ["low", "normal", "high", "urgent"];

function Field(props: { label: string; value: string | null; testId: string }) {
  return (
    <div class="kv">
      <dt class="kv__key">{props.label}</dt>
      <dd class="kv__value" data-testid={props.testId}>
        {props.value || DETAILS_TEXT.unknown}
      </dd>
    </div>
  );
}

function CustomerCard(props: { conversation: ConversationDTO }) {
  const { customer } = props.conversation;
  const name = customerDisplayName(customer);
  return (
    <section class="card" data-testid="customer-profile">
      <div class="profile">
        <Avatar id={customer.id} label={name} size="lg" />
        <div>
          <div class="profile__name">{name}</div>
          {customer.name && (customer.email || customer.phone) ? <div class="profile__sub">{customer.email ?? customer.phone}</div> : null}
        </div>
      </div>
      <dl class="kvs">
        <Field label={DETAILS_TEXT.name} value={customer.name} testId="customer-name" />
        <Field label={DETAILS_TEXT.email} value={customer.email} testId="customer-email" />
        <Field label={DETAILS_TEXT.phone} value={customer.phone} testId="customer-phone" />
        <Field label={DETAILS_TEXT.channel} value={formatChannel(props.conversation.channel)} testId="customer-channel" />
        <Field label={DETAILS_TEXT.since} value={formatDate(customer.createdAt)} testId="customer-since" />
      </dl>
    </section>
  );
}

function TicketCard(props: { ticket: TicketDTO; user: UserDTO | null; ops: ConsoleOperations }) {
  const { ticket, user, ops } = props;
  const mine = ticket.assignee !== null && ticket.assignee.id === user?.id;
  const resolved = ticket.status === "resolved";
  const [assigning, setAssigning] = useState(false);
  const assign = async (request: { assigneeId?: string | null; teamId?: string | null; note: string }): Promise<boolean> => {
    const { note, ...target } = request;
    if (note) return ops.transferTicket(request);
    await ops.updateTicket(target);
    return true;
  };
  return (
    <section class="card" data-testid="ticket-details" data-ticket-id={ticket.id} data-status={ticket.status}>
      <h3 class="card__title">
        {DETAILS_TEXT.ticket} <span class="card__muted">#{ticket.number}</span>
      </h3>
      <p class="card__subject">{ticket.subject}</p>
      <div class="card__badges">
        <TicketStatusBadge status={ticket.status} />
        <PriorityBadge priority={ticket.priority} />
        <SlaDue sla={ticket.sla} />
      </div>
      <dl class="kvs">
        <div class="kv">
          <dt class="kv__key">{DETAILS_TEXT.status}</dt>
          <dd class="kv__value">
            <select class="select" value={ticket.status} onChange={(e) => void ops.updateTicket({ status: e.currentTarget.value as TicketStatus })} data-testid="ticket-status">
              {STATUSES.map((s) => (
                <option value={s}>{TICKET_STATUS_TEXT[s]}</option>
              ))}
            </select>
          </dd>
        </div>
        <div class="kv">
          <dt class="kv__key">{DETAILS_TEXT.priority}</dt>
          <dd class="kv__value">
            <select class="select" value={ticket.priority} onChange={(e) => void ops.updateTicket({ priority: e.currentTarget.value as TicketPriority })} data-testid="ticket-priority">
              {PRIORITIES.map((p) => (
                <option value={p}>{PRIORITY_TEXT[p]}</option>
              ))}
            </select>
          </dd>
        </div>
        <div class="kv">
          <dt class="kv__key">{DETAILS_TEXT.assignee}</dt>
          <dd class="kv__value" data-testid="ticket-assignee">
            {ticket.assignee ? ticket.assignee.name : INBOX_TEXT.unassigned}
          </dd>
        </div>
        <Field label={AGENT_TOOLS_TEXT.team} value={ticket.team?.name ?? AGENT_TOOLS_TEXT.noTeam} testId="ticket-team" />
        <Field label={DETAILS_TEXT.reason} value={humanize(ticket.reason)} testId="ticket-reason" />
      </dl>
      <div class="card__actions">
        {user ? (
          <button type="button" class="button button--secondary" onClick={() => setAssigning(true)} data-testid="assign-open" aria-haspopup="dialog">
            {AGENT_TOOLS_TEXT.assign}
          </button>
        ) : null}
        {!mine && user ? (
          <button type="button" class="button button--secondary" onClick={() => void ops.updateTicket({ assigneeId: user.id })} data-testid="assign-to-me">
            {DETAILS_TEXT.assignToMe}
          </button>
        ) : null}
        <button type="button" class="button button--success" disabled={resolved} onClick={() => void ops.updateTicket({ status: "resolved" })} data-testid="resolve-ticket">
          {resolved ? DETAILS_TEXT.resolved : DETAILS_TEXT.resolve}
        </button>
      </div>
      {!resolved ? <SnoozeControl snoozedUntil={ticket.snoozedUntil} disabled={false} onSnooze={(until) => void ops.updateTicket({ snoozedUntil: until })} /> : null}
      {assigning && user ? <AssignDialog ticket={ticket} userId={user.id} onSubmit={assign} onClose={() => setAssigning(false)} /> : null}
      <TicketHistory ticket={ticket} />
    </section>
  );
}

/** Position of a score on the gauge, in percent, for a symmetric scale of ±`range`. */
function gaugePercent(score: number, range: number): number {
  return Math.min(100, Math.max(0, ((score + range) / (2 * range)) * 100));
}

/** The conversation's sentiment trend: start, now and lowest on a negative-to-positive gauge. */
export function TrendCard(props: { trend: SentimentTrend }) {
  const { trend } = props;
  if (!trend || trend.count === 0) {
    return (
      <section class="card" data-testid="sentiment-trend">
        <h3 class="card__title">{DETAILS_TEXT.trend}</h3>
        <p class="card__muted">{DETAILS_TEXT.trendEmpty}</p>
      </section>
    );
  }
  const direction = trendDirection(trend);
  const range = Math.max(1, Math.abs(trend.start), Math.abs(trend.end), Math.abs(trend.min));
  return (
    <section class="card" data-testid="sentiment-trend" data-direction={direction}>
      <h3 class="card__title">
        {DETAILS_TEXT.trend} <span class={`trend trend--${direction}`}>{trendLabel(direction)}</span>
      </h3>
      <div class="gauge" aria-hidden="true">
        <span class="gauge__mark gauge__mark--min" style={{ left: `${gaugePercent(trend.min, range)}%` }} />
        <span class="gauge__mark gauge__mark--start" style={{ left: `${gaugePercent(trend.start, range)}%` }} />
        <span class={`gauge__mark gauge__mark--end gauge__mark--${scoreTone(trend.end)}`} style={{ left: `${gaugePercent(trend.end, range)}%` }} />
      </div>
      <dl class="kvs kvs--grid">
        <Field label={DETAILS_TEXT.trendStart} value={formatScore(trend.start)} testId="trend-start" />
        <Field label={DETAILS_TEXT.trendNow} value={formatScore(trend.end)} testId="trend-end" />
        <Field label={DETAILS_TEXT.trendLowest} value={formatScore(trend.min)} testId="trend-min" />
        <Field label={DETAILS_TEXT.trendMessages} value={String(trend.count)} testId="trend-count" />
      </dl>
    </section>
  );
}

/** The details pane for the open conversation. */
export function DetailsPane(props: { state: ConsoleState; ops: ConsoleOperations }) {
  const { state, ops } = props;
  const conversation = state.selected;
  if (!state.selectedId || !conversation) return <aside class="pane pane--details" />;
  return (
    <aside class="pane pane--details" data-testid="details-pane">
      <CustomerCard conversation={conversation} />
      <VisitorCard visitor={conversation.visitor ?? null} />
      {/* What the CRM knows (suggestions from the customer's words included); it loads again whenever the conversation changes. */}
      <ProfileSummary
        crm={ops.crm}
        customerId={conversation.customer.id}
        conversationId={conversation.id}
        version={`${conversation.updatedAt}|${conversation.customer.email ?? ""}|${conversation.customer.phone ?? ""}|${conversation.customer.name ?? ""}`}
      />
      {state.ticket ? (
        <TicketCard ticket={state.ticket} user={state.user} ops={ops} />
      ) : (
        <section class="card">
          <h3 class="card__title">{DETAILS_TEXT.ticket}</h3>
          <p class="card__muted">{conversation.ticketId ? INBOX_TEXT.loading : DETAILS_TEXT.noTicket}</p>
        </section>
      )}
      {state.user ? <ConversationDeals key={conversation.id} crm={ops.crm} user={state.user} conversationId={conversation.id} version={state.dealsVersion} /> : null}
      <TrendCard trend={conversation.sentiment} />
    </aside>
  );
}
