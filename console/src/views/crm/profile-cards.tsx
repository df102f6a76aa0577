/** The profile's side cards: suggestions from the customer's words, likely duplicates, lifetime figures, channels. */
import { useState } from "preact/hooks";
import type { CustomerProfileDTO, DuplicateDTO, SuggestionDTO } from "../../../../src/contracts/crm.ts";
import { duplicateReason, formatMoney, suggestionLabel } from "../../crm-format.ts";
import { PROFILE_TEXT } from "../../crm-strings.ts";
import { formatDate, formatNumber, formatRelativeTime } from "../../format.ts";

/**
 * One suggestion: the value, the customer's words around it, Accept and Dismiss; when another customer already has the
 * email or phone and `onMerge` is given, "Merge with <them>" instead of Accept.
 */
export function SuggestionItem(props: { suggestion: SuggestionDTO; onAccept: () => Promise<void>; onDismiss?: () => Promise<void>; onMerge?: (existing: { id: string; name: string | null }) => void; compact?: boolean }) {
  const { suggestion } = props;
  const existing = suggestion.existingCustomer;
  const existingName = existing?.name || PROFILE_TEXT.anotherCustomer;
  const [busy, setBusy] = useState(false);
  const act = async (what: () => Promise<void>): Promise<void> => {
    setBusy(true);
    await what();
    setBusy(false);
  };
  return (
    <li class="suggestion" data-testid="suggestion" data-field={suggestion.field} data-value={suggestion.value}>
      <div class="suggestion__main">
        <span class="suggestion__field">{suggestionLabel(suggestion.field)}</span>
        <span class="suggestion__value" data-testid="suggestion-value">
          {suggestion.value}
        </span>
      </div>
      {suggestion.excerpt && !props.compact ? (
        <p class="suggestion__quote" data-testid="suggestion-excerpt">
          {PROFILE_TEXT.wrote} “{suggestion.excerpt}”
        </p>
      ) : null}
      {existing && props.onMerge ? (
        <p class="suggestion__quote" data-testid="suggestion-holder" data-customer-id={existing.id}>
          {PROFILE_TEXT.heldBy(existingName)}
        </p>
      ) : null}
      <div class="suggestion__actions">
        {existing && props.onMerge ? (
          <button type="button" class="button button--primary button--small" disabled={busy} onClick={() => props.onMerge?.(existing)} data-testid="suggestion-merge">
            {PROFILE_TEXT.mergeWith(existingName)}
          </button>
        ) : (
          <button type="button" class="button button--primary button--small" disabled={busy} onClick={() => void act(props.onAccept)} aria-label={`${PROFILE_TEXT.accept} ${suggestionLabel(suggestion.field)} ${suggestion.value}`} data-testid="suggestion-accept">
            {PROFILE_TEXT.accept}
          </button>
        )}
        {props.onDismiss ? (
          <button type="button" class="button button--secondary button--small" disabled={busy} onClick={() => void act(props.onDismiss ?? (async () => undefined))} aria-label={`${PROFILE_TEXT.dismiss} ${suggestion.value}`} data-testid="suggestion-dismiss">
            {PROFILE_TEXT.dismiss}
          </button>
        ) : null}
      </div>
    </li>
  );
}

/** The suggestions card (hidden when there are none); `onMerge` is offered for a value another customer has (null: no right to merge). */
export function SuggestionsCard(props: {
  suggestions: SuggestionDTO[];
  onAccept: (s: SuggestionDTO) => Promise<void>;
  onDismiss: (s: SuggestionDTO) => Promise<void>;
  onMerge: ((existing: { id: string; name: string | null }) => void) | null;
}) {
  if (props.suggestions.length === 0) return null;
  return (
    <section class="card card--highlight" aria-labelledby="suggestions-title" data-testid="suggestions">
      <h2 class="card__title" id="suggestions-title">
        {PROFILE_TEXT.suggestions}
      </h2>
      <p class="card__muted">{PROFILE_TEXT.suggestionHint}</p>
      <ul class="suggestions">
        {props.suggestions.map((s) => (
          <SuggestionItem key={s.id} suggestion={s} onAccept={() => props.onAccept(s)} onDismiss={() => props.onDismiss(s)} onMerge={props.onMerge ?? undefined} />
        ))}
      </ul>
    </section>
  );
}

/** The duplicate warning: the likely same people, each with why and (managers, admins) a Merge button. */
export function DuplicatesCard(props: { duplicates: DuplicateDTO[]; canMerge: boolean; onMerge: (d: DuplicateDTO) => void; onOpen: (id: string) => void }) {
  if (props.duplicates.length === 0) return null;
  return (
    <section class="card card--warning" role="region" aria-labelledby="duplicates-title" data-testid="duplicates">
      <h2 class="card__title" id="duplicates-title">
        <span aria-hidden="true">⚠</span> {PROFILE_TEXT.duplicates}
      </h2>
      <p class="card__muted">{PROFILE_TEXT.duplicatesHint}</p>
      <ul class="duplicates">
        {props.duplicates.map((d) => (
          <li class="duplicate" key={d.id} data-testid="duplicate">
            <div class="duplicate__main">
              <a
                href={`/console/customers/${encodeURIComponent(d.id)}`}
                class="crm-link"
                onClick={(e) => {
                  e.preventDefault();
                  props.onOpen(d.id);
                }}
              >
                {d.name || d.email || d.phone || d.id.slice(0, 8)}
              </a>
              <span class="card__muted">
                {[d.email, d.phone].filter(Boolean).join(" · ")} · {duplicateReason(d.reason)}
              </span>
            </div>
            {props.canMerge ? (
              <button type="button" class="button button--secondary button--small" onClick={() => props.onMerge(d)} data-testid="duplicate-merge">
                {PROFILE_TEXT.merge}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Lifetime figures. */
export function FiguresCard(props: { profile: CustomerProfileDTO }) {
  const f = props.profile.figures;
  const cell = (label: string, value: string, testId: string) => (
    <div class="kv">
      <dt class="kv__key">{label}</dt>
      <dd class="kv__value" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
  return (
    <section class="card" aria-labelledby="figures-title" data-testid="figures">
      <h2 class="card__title" id="figures-title">
        {PROFILE_TEXT.figures}
      </h2>
      <dl class="kvs kvs--grid figures">
        {cell(PROFILE_TEXT.conversations, formatNumber(f.conversations), "figure-conversations")}
        {cell(PROFILE_TEXT.tickets, f.openTickets > 0 ? `${formatNumber(f.tickets)} (${f.openTickets} ${PROFILE_TEXT.openTickets})` : formatNumber(f.tickets), "figure-tickets")}
        {cell(PROFILE_TEXT.orders, formatNumber(f.orders), "figure-orders")}
        {cell(PROFILE_TEXT.totalSpent, f.orders === 0 ? PROFILE_TEXT.none : formatMoney(f.totalSpentCents, f.currency), "figure-spent")}
        {cell(PROFILE_TEXT.averageOrder, formatMoney(f.averageOrderCents, f.currency), "figure-average")}
        {cell(PROFILE_TEXT.firstSeen, f.firstSeenAt ? formatDate(f.firstSeenAt) : PROFILE_TEXT.empty, "figure-first")}
        {cell(PROFILE_TEXT.lastSeen, f.lastSeenAt ? formatRelativeTime(f.lastSeenAt) : PROFILE_TEXT.empty, "figure-last")}
      </dl>
      {props.profile.identities.length > 0 ? (
        <p class="card__muted profile-channels">
          {PROFILE_TEXT.identities}: {[...new Set(props.profile.identities.map((i) => i.channel))].join(", ")}
        </p>
      ) : null}
    </section>
  );
}
