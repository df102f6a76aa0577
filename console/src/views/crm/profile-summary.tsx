/** The conversation sidebar's view of the customer's record: company, tags, figures, suggestions, recent orders and conversations. */
import type { CustomerProfileDTO } from "../../../../src/contracts/crm.ts";
import * as crmApi from "../../api/crm-endpoints.ts";
import type { CrmOperations } from "../../controller/crm-operations.ts";
import { formatMoney } from "../../crm-format.ts";
import { PROFILE_TEXT, SIDEBAR_TEXT } from "../../crm-strings.ts";
import { formatRelativeTime, humanize, scoreTone, truncate } from "../../format.ts";
import { SuggestionItem } from "./profile-cards.tsx";
import { Loading, TagPills, useLoad } from "./ui.tsx";

function Summary(props: { profile: CustomerProfileDTO; conversationId: string; crm: CrmOperations; onChanged: () => void }) {
  const { profile: p, crm } = props;
  const others = p.recentConversations.filter((c) => c.id !== props.conversationId);
  const accept = async (suggestionId: string): Promise<void> => {
    const result = await crm.attempt(() => crmApi.acceptSuggestion(p.id, suggestionId));
    if (result.ok) crm.toast(PROFILE_TEXT.accepted);
    else crm.toast(result.failure.message);
    props.onChanged();
  };
  return (
    <>
      <dl class="kvs">
        <div class="kv">
          <dt class="kv__key">{SIDEBAR_TEXT.company}</dt>
          <dd class="kv__value" data-testid="sidebar-company">
            {p.company?.name ?? PROFILE_TEXT.empty}
          </dd>
        </div>
        <div class="kv">
          <dt class="kv__key">{SIDEBAR_TEXT.tags}</dt>
          <dd class="kv__value">{p.tags.length > 0 ? <TagPills tags={p.tags} testId="sidebar-tags" /> : <span class="card__muted">{SIDEBAR_TEXT.noTags}</span>}</dd>
        </div>
      </dl>
      <dl class="kvs kvs--grid">
        <div class="kv">
          <dt class="kv__key">{PROFILE_TEXT.conversations}</dt>
          <dd class="kv__value">{p.figures.conversations}</dd>
        </div>
        <div class="kv">
          <dt class="kv__key">{PROFILE_TEXT.orders}</dt>
          <dd class="kv__value">{p.figures.orders}</dd>
        </div>
        <div class="kv">
          <dt class="kv__key">{PROFILE_TEXT.totalSpent}</dt>
          <dd class="kv__value" data-testid="sidebar-spent">
            {p.figures.orders === 0 ? PROFILE_TEXT.none : formatMoney(p.figures.totalSpentCents, p.figures.currency)}
          </dd>
        </div>
        <div class="kv">
          <dt class="kv__key">{SIDEBAR_TEXT.openTickets}</dt>
          <dd class="kv__value">{p.figures.openTickets}</dd>
        </div>
      </dl>
      {p.suggestions.length > 0 ? (
        <div class="sidebar-section" data-testid="sidebar-suggestions">
          <h4 class="sidebar-section__title">{PROFILE_TEXT.suggestions}</h4>
          <ul class="suggestions">
            {p.suggestions.map((s) => (
              <SuggestionItem key={s.id} suggestion={s} compact onAccept={() => accept(s.id)} />
            ))}
          </ul>
        </div>
      ) : null}
      <div class="sidebar-section">
        <h4 class="sidebar-section__title">{SIDEBAR_TEXT.orders}</h4>
        {p.recentOrders.length === 0 ? (
          <p class="card__muted">{SIDEBAR_TEXT.noOrders}</p>
        ) : (
          <ul class="mini-list" data-testid="sidebar-orders">
            {p.recentOrders.map((o) => (
              <li key={o.id} class="mini-list__item">
                <span class="mini-list__main">{o.number}</span>
                <span class="card__muted">{humanize(o.status)}</span>
                <span class="mini-list__end">{formatMoney(o.totalCents, o.currency)}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div class="sidebar-section">
        <h4 class="sidebar-section__title">{SIDEBAR_TEXT.conversations}</h4>
        {others.length === 0 ? (
          <p class="card__muted">{SIDEBAR_TEXT.noConversations}</p>
        ) : (
          <ul class="mini-list" data-testid="sidebar-conversations">
            {others.map((c) => (
              <li key={c.id} class="mini-list__item">
                {c.sentiment !== null ? <span class={`dot dot--${scoreTone(c.sentiment)}`} aria-hidden="true" /> : null}
                <a
                  class="crm-link mini-list__main"
                  href={`/console/conversations/${encodeURIComponent(c.id)}`}
                  onClick={(e) => {
                    e.preventDefault();
                    void crm.openConversation(c.id);
                  }}
                >
                  {truncate(c.firstLine ?? humanize(c.channel), 48)}
                </a>
                <span class="mini-list__end card__muted">{formatRelativeTime(c.lastMessageAt)}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </>
  );
}

/** The card; `version` changes when the conversation or customer changed, so it loads again. */
export function ProfileSummary(props: { crm: CrmOperations; customerId: string; conversationId: string; version: string }) {
  const { crm, customerId } = props;
  const [profile, reload] = useLoad(crm, `${customerId}:${props.version}`, () => crmApi.getCustomer(customerId));
  return (
    <section class="card" aria-labelledby="sidebar-record-title" data-testid="sidebar-profile" data-state={profile.state}>
      <h3 class="card__title" id="sidebar-record-title">
        {SIDEBAR_TEXT.title}
        <a
          class="crm-link card__title-link"
          href={`/console/customers/${encodeURIComponent(customerId)}`}
          onClick={(e) => {
            if (e.ctrlKey || e.metaKey || e.shiftKey) return;
            e.preventDefault();
            crm.openCustomer(customerId);
          }}
          data-testid="open-profile"
        >
          {SIDEBAR_TEXT.openProfile} <span aria-hidden="true">→</span>
        </a>
      </h3>
      {profile.state === "loading" ? <Loading /> : null}
      {profile.state === "error" ? (
        <p class="field__error" role="alert" data-testid="sidebar-profile-error">
          {SIDEBAR_TEXT.failed}: {profile.failure.message}
        </p>
      ) : null}
      {profile.state === "loaded" ? <Summary profile={profile.data} conversationId={props.conversationId} crm={crm} onChanged={reload} /> : null}
    </section>
  );
}
