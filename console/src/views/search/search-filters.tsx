/** The search's filters: type, status, inbox, channel, agent, label, dates and sentiment, each a labelled control. */
import { useEffect, useState } from "preact/hooks";
import type { UserDTO } from "../../../../src/contracts/api.ts";
import { CONVERSATION_CHANNELS } from "../../../../src/contracts/channel-names.ts";
import type { LabelDTO, ManagedUserDTO } from "../../../../src/contracts/helpdesk.ts";
import { can } from "../../../../src/contracts/permissions.ts";
import { SEARCH_KINDS, SEARCH_SENTIMENTS, SEARCH_STATUSES } from "../../../../src/contracts/search.ts";
import { listLabels, listUsers } from "../../api/helpdesk-endpoints.ts";
import { listInboxes } from "../../api/inbox-endpoints.ts";
import { SEARCH_TEXT } from "../../search-strings.ts";

/** The filters set (absent: any). */
export type SearchFilterValues = Partial<Record<"type" | "status" | "inboxId" | "channel" | "agentId" | "label" | "from" | "to" | "sentiment", string>>;

type Option = { value: string; label: string };

/** The options of the lists only some roles may read (inboxes and users: admins); others see the inboxes of their conversation list. */
function useFilterOptions(user: UserDTO, knownInboxIds: readonly string[]): { inboxes: Option[]; agents: Option[]; labels: Option[] } {
  const [labels, setLabels] = useState<LabelDTO[]>([]);
  const [users, setUsers] = useState<ManagedUserDTO[]>([]);
  const [inboxes, setInboxes] = useState<Option[]>([]);
  useEffect(() => {
    // A list that cannot be read leaves its filter with fewer options; the search itself still works.
    listLabels().then(setLabels, () => undefined);
    if (can(user.role, "settings.users")) listUsers().then(setUsers, () => undefined);
    if (can(user.role, "settings.inboxes")) listInboxes().then((all) => setInboxes(all.map((i) => ({ value: i.id, label: i.name }))), () => undefined);
  }, [user.role]);
  const seen = inboxes.length > 0 ? inboxes : knownInboxIds.map((id) => ({ value: id, label: id }));
  const agents = [{ value: user.id, label: SEARCH_TEXT.agentMe }, ...users.filter((u) => u.id !== user.id).map((u) => ({ value: u.id, label: u.name }))];
  return { inboxes: seen, agents, labels: labels.map((l) => ({ value: l.id, label: l.name })) };
}

function Select(props: { name: keyof SearchFilterValues; label: string; options: Option[]; values: SearchFilterValues; onChange: (v: SearchFilterValues) => void }) {
  return (
    <label class="search-filter">
      <span class="search-filter__label">{props.label}</span>
      <select
        value={props.values[props.name] ?? ""}
        data-testid={`search-filter-${props.name}`}
        onChange={(e) => props.onChange({ ...props.values, [props.name]: (e.currentTarget as HTMLSelectElement).value || undefined })}
      >
        <option value="">{SEARCH_TEXT.any}</option>
        {props.options.map((o) => (
          <option value={o.value}>{o.label}</option>
        ))}
      </select>
    </label>
  );
}

/** The filter bar above the results. */
export function SearchFilters(props: { user: UserDTO; knownInboxIds: readonly string[]; values: SearchFilterValues; onChange: (v: SearchFilterValues) => void }) {
  const { inboxes, agents, labels } = useFilterOptions(props.user, props.knownInboxIds);
  const common = { values: props.values, onChange: props.onChange };
  const date = (name: "from" | "to", label: string) => (
    <label class="search-filter">
      <span class="search-filter__label">{label}</span>
      <input
        type="date"
        value={props.values[name] ?? ""}
        data-testid={`search-filter-${name}`}
        onChange={(e) => props.onChange({ ...props.values, [name]: (e.currentTarget as HTMLInputElement).value || undefined })}
      />
    </label>
  );
  const any = Object.values(props.values).some(Boolean);
  return (
    <div class="search-filters" role="group" aria-label={SEARCH_TEXT.filters}>
      <Select name="type" label={SEARCH_TEXT.type} options={SEARCH_KINDS.map((k) => ({ value: k, label: SEARCH_TEXT.kinds[k] }))} {...common} />
      <Select name="status" label={SEARCH_TEXT.status} options={SEARCH_STATUSES.map((s) => ({ value: s, label: SEARCH_TEXT.statuses[s] }))} {...common} />
      <Select name="inboxId" label={SEARCH_TEXT.inbox} options={inboxes} {...common} />
      <Select name="channel" label={SEARCH_TEXT.channel} options={CONVERSATION_CHANNELS.map((c) => ({ value: c, label: c }))} {...common} />
      <Select name="agentId" label={SEARCH_TEXT.agent} options={agents} {...common} />
      <Select name="label" label={SEARCH_TEXT.labelFilter} options={labels} {...common} />
      {date("from", SEARCH_TEXT.from)}
      {date("to", SEARCH_TEXT.to)}
      <Select name="sentiment" label={SEARCH_TEXT.sentiment} options={SEARCH_SENTIMENTS.map((s) => ({ value: s, label: SEARCH_TEXT.sentiments[s] }))} {...common} />
      {any ? (
        <button type="button" class="button button--ghost search-filters__clear" onClick={() => props.onChange({})} data-testid="search-filters-clear">
          {SEARCH_TEXT.clearFilters}
        </button>
      ) : null}
    </div>
  );
}
