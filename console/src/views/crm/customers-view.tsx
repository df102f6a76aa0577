/** The Customers page: instant search, filters (tag, company, segment), sortable table, pages, bulk tags, new, import, export. */
import { useEffect, useMemo, useReducer, useRef, useState } from "preact/hooks";
import type { Page, UserDTO } from "../../../../src/contracts/api.ts";
import type { CompanyDTO, CustomerSummaryDTO } from "../../../../src/contracts/crm.ts";
import { can } from "../../../../src/contracts/permissions.ts";
import * as crmApi from "../../api/crm-endpoints.ts";
import type { CrmOperations } from "../../controller/crm-operations.ts";
import { createLatestSearch } from "../../controller/latest-search.ts";
import { CRM_TEXT, CUSTOMERS_TEXT } from "../../crm-strings.ts";
import {
  applyBulkTags,
  customerListReducer,
  emptyQuery,
  initialCustomerList,
  nextSort,
  queryFromSearch,
  searchFromQuery,
  tagChoices,
  type CustomerQuery,
} from "../../store/customers.ts";
import { EmptyState } from "../common.tsx";
import { BulkTagBar, CustomerTable } from "./customer-table.tsx";
import { ImportDialog } from "./import-dialog.tsx";
import { NewCustomerDialog } from "./new-customer-dialog.tsx";
import { ErrorState, Loading } from "./ui.tsx";

/** How many companies the filter offers (the largest page the API gives). */
const COMPANY_CHOICES = 100;

function isFiltered(q: CustomerQuery): boolean {
  return q.q.trim() !== "" || q.tag !== null || q.companyId !== null || q.segment !== null;
}

function Filters(props: { query: CustomerQuery; companies: CompanyDTO[]; segments: string[]; onChange: (q: CustomerQuery, immediate: boolean) => void }) {
  const { query } = props;
  const activeCompanyMissing = query.companyId !== null && !props.companies.some((c) => c.id === query.companyId);
  return (
    <div class="crm-toolbar" role="search">
      <label class="crm-toolbar__search">
        <span class="visually-hidden">{CUSTOMERS_TEXT.search}</span>
        <input
          class="input"
          type="search"
          placeholder={CUSTOMERS_TEXT.searchPlaceholder}
          value={query.q}
          onInput={(e) => props.onChange({ ...query, q: e.currentTarget.value }, false)}
          onKeyDown={(e) => {
            if (e.key === "Enter") props.onChange({ ...query, q: e.currentTarget.value }, true);
            if (e.key === "Escape" && query.q !== "") {
              e.preventDefault();
              props.onChange({ ...query, q: "" }, true);
            }
          }}
          aria-controls="customers-results"
          data-testid="customer-search"
        />
      </label>
      <label class="crm-toolbar__filter">
        <span class="field__label">{CUSTOMERS_TEXT.company}</span>
        <select class="select" value={query.companyId ?? ""} onChange={(e) => props.onChange({ ...query, companyId: e.currentTarget.value || null }, true)} data-testid="filter-company">
          <option value="">{CUSTOMERS_TEXT.anyCompany}</option>
          {activeCompanyMissing ? <option value={query.companyId ?? ""}>{query.companyId}</option> : null}
          {props.companies.map((c) => (
            <option value={c.id} key={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <label class="crm-toolbar__filter">
        <span class="field__label">{CUSTOMERS_TEXT.segment}</span>
        <select class="select" value={query.segment ?? ""} onChange={(e) => props.onChange({ ...query, segment: e.currentTarget.value || null }, true)} data-testid="filter-segment">
          <option value="">{CUSTOMERS_TEXT.anySegment}</option>
          {props.segments.map((s) => (
            <option value={s} key={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

function TagChips(props: { tags: string[]; active: string | null; onPick: (tag: string | null) => void }) {
  if (props.tags.length === 0) return null;
  return (
    <div class="chips crm-chips" role="group" aria-label={CUSTOMERS_TEXT.tags} data-testid="tag-chips">
      {props.tags.map((t) => (
        <button
          type="button"
          key={t}
          class={`chip${props.active === t ? " chip--active" : ""}`}
          aria-pressed={props.active === t}
          onClick={() => props.onPick(props.active === t ? null : t)}
          data-testid="tag-chip"
          data-tag={t}
        >
          {t}
        </button>
      ))}
    </div>
  );
}

/** The page. */
export function CustomersView(props: { crm: CrmOperations; user: UserDTO; search: string }) {
  const { crm, user } = props;
  const [list, dispatch] = useReducer(customerListReducer, undefined, () => initialCustomerList(queryFromSearch(props.search)));
  const [companies, setCompanies] = useState<CompanyDTO[]>([]);
  const [knownTags, setKnownTags] = useState<string[]>([]);
  const [segments, setSegments] = useState<string[]>([]);
  const [dialog, setDialog] = useState<"new" | "import" | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const remember = (items: CustomerSummaryDTO[]): void => {
    setKnownTags((known) => tagChoices(items, null, known));
    setSegments((known) => [...new Set([...known, ...items.map((c) => c.segment).filter((s): s is string => !!s)])].sort());
  };

  // Which kind of request is running: a new query replaces the rows, "load more" appends.
  const pageAppend = useRef(false);
  const runner = useMemo(
    () =>
      createLatestSearch<{ query: CustomerQuery; cursor: string | null }, Page<CustomerSummaryDTO>>({
        fetch: ({ query, cursor }, signal) => crmApi.listCustomers(query, cursor, signal),
        started: ({ cursor }, request) => dispatch({ type: "loading", request, append: cursor !== null }),
        answered: (page, request) => {
          dispatch({ type: "loaded", request, page, append: pageAppend.current });
          remember(page.data);
        },
        failed: (error, request) => dispatch({ type: "failed", request, message: crm.failure(error).message }),
      }),
    [crm],
  );
  const search = (query: CustomerQuery, immediate: boolean): void => {
    dispatch({ type: "query", query });
    crm.setCustomersSearch(searchFromQuery(query));
    pageAppend.current = false;
    runner.search({ query, cursor: null }, { immediate });
  };

  useEffect(() => {
    heading.current?.focus();
    pageAppend.current = false;
    runner.search({ query: list.query, cursor: null }, { immediate: true });
    void crm.attempt(() => crmApi.listCompanies("", null, undefined, COMPANY_CHOICES)).then((r) => r.ok && setCompanies(r.data.data));
    return () => runner.cancel();
  }, [runner]);

  const loadMore = (): void => {
    if (!list.nextCursor || list.status === "more") return;
    pageAppend.current = true;
    runner.search({ query: list.query, cursor: list.nextCursor }, { immediate: true });
  };
  const bulk = async (add: string[], remove: string[]): Promise<boolean> => {
    const ids = list.selected;
    const result = await crm.attempt(() => crmApi.bulkTags(ids, add, remove));
    if (!result.ok) {
      crm.toast(result.failure.message);
      return false;
    }
    dispatch({ type: "updated", customers: applyBulkTags(list.items, ids, add, remove) });
    setKnownTags((known) => [...new Set([...known, ...add])].sort());
    crm.toast(CUSTOMERS_TEXT.bulkDone);
    return true;
  };

  const filtered = isFiltered(list.query);
  const tags = tagChoices(list.items, list.query.tag, knownTags);
  let body;
  if (list.status === "loading" && list.items.length === 0) body = <Loading testId="customers-loading" />;
  else if (list.status === "error") {
    body = <ErrorState title={CUSTOMERS_TEXT.failed} message={list.error ?? ""} onRetry={() => search(list.query, true)} testId="customers-error" />;
  } else if (list.items.length === 0) {
    body = filtered ? (
      <EmptyState title={CUSTOMERS_TEXT.noMatch} hint={CUSTOMERS_TEXT.noMatchHint} testId="customers-empty">
        <button type="button" class="button button--secondary empty__action" onClick={() => search(emptyQuery(), true)} data-testid="clear-filters">
          {CUSTOMERS_TEXT.clearFilters}
        </button>
      </EmptyState>
    ) : (
      <EmptyState title={CUSTOMERS_TEXT.empty} hint={CUSTOMERS_TEXT.emptyHint} testId="customers-empty" />
    );
  } else {
    body = (
      <CustomerTable
        items={list.items}
        selected={list.selected}
        sort={list.query.sort}
        busy={list.status === "loading"}
        onSort={(field) => search({ ...list.query, sort: nextSort(list.query.sort, field) }, true)}
        onToggle={(id) => dispatch({ type: "toggle", id })}
        onToggleAll={() => dispatch({ type: "toggleAll" })}
        onOpen={crm.openCustomer}
      />
    );
  }

  return (
    <main class="reports" data-testid="customers-view">
      <div class="reports__inner crm-page">
        <div class="reports__head">
          <h1 class="reports__title" tabIndex={-1} ref={heading}>
            {CUSTOMERS_TEXT.title}
          </h1>
          <div class="crm-actions">
            {can(user.role, "customer.export") ? (
              <a class="button button--secondary" href={crmApi.customersCsvUrl(list.query)} download title={CUSTOMERS_TEXT.exportHint} data-testid="export-csv">
                {CUSTOMERS_TEXT.exportCsv}
              </a>
            ) : null}
            {can(user.role, "customer.import") ? (
              <button type="button" class="button button--secondary" onClick={() => setDialog("import")} data-testid="import-csv">
                {CUSTOMERS_TEXT.importCsv}
              </button>
            ) : null}
            {can(user.role, "customer.create") ? (
              <button type="button" class="button button--primary" onClick={() => setDialog("new")} data-testid="new-customer">
                {CUSTOMERS_TEXT.newCustomer}
              </button>
            ) : null}
          </div>
        </div>
        <Filters query={list.query} companies={companies} segments={segments} onChange={search} />
        <TagChips tags={tags} active={list.query.tag} onPick={(tag) => search({ ...list.query, tag }, true)} />
        {list.selected.length > 0 ? <BulkTagBar count={list.selected.length} onApply={bulk} onClear={() => dispatch({ type: "clearSelection" })} /> : null}
        <section
          id="customers-results"
          class={`card reports__card${list.status === "loading" && list.items.length > 0 ? " reports__card--stale" : ""}`}
          aria-label={CUSTOMERS_TEXT.title}
          aria-busy={list.status === "loading" || list.status === "more"}
          data-testid="customers-body"
          data-state={list.status}
        >
          {body}
        </section>
        {list.nextCursor && list.status !== "error" && list.items.length > 0 ? (
          <button type="button" class="button button--secondary crm-more" disabled={list.status === "more"} onClick={loadMore} data-testid="customers-more">
            {list.status === "more" ? CRM_TEXT.loadingMore : CRM_TEXT.loadMore}
          </button>
        ) : null}
        <p class="visually-hidden" aria-live="polite">
          {list.status === "loaded" ? `${list.items.length} ${CUSTOMERS_TEXT.count}` : ""}
        </p>
      </div>
      {dialog === "new" ? <NewCustomerDialog crm={crm} companies={companies} onClose={() => setDialog(null)} /> : null}
      {dialog === "import" ? <ImportDialog crm={crm} onClose={() => setDialog(null)} onFinished={() => search(list.query, true)} /> : null}
    </main>
  );
}
