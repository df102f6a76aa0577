/** The Companies page: search, customer counts, create and edit (name, domain), delete (managers, admins), each company's customers. */
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import type { Page, UserDTO } from "../../../../src/contracts/api.ts";
import type { CompanyDTO } from "../../../../src/contracts/crm.ts";
import { can } from "../../../../src/contracts/permissions.ts";
import * as crmApi from "../../api/crm-endpoints.ts";
import type { CrmFailure, CrmOperations } from "../../controller/crm-operations.ts";
import { createLatestSearch } from "../../controller/latest-search.ts";
import { COMPANIES_TEXT, CRM_TEXT } from "../../crm-strings.ts";
import { formatDate, formatNumber } from "../../format.ts";
import { emptyQuery, searchFromQuery } from "../../store/customers.ts";
import { EmptyState } from "../common.tsx";
import { ConfirmDialog, Dialog, ErrorState, Loading } from "./ui.tsx";

type ListState = { items: CompanyDTO[]; nextCursor: string | null; status: "loading" | "more" | "loaded" | "error"; error: string | null };

function CompanyForm(props: { company: CompanyDTO | null; crm: CrmOperations; onClose: () => void; onSaved: () => void }) {
  const { company, crm } = props;
  const [name, setName] = useState(company?.name ?? "");
  const [domain, setDomain] = useState(company?.domain ?? "");
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<CrmFailure | null>(null);
  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    const body = { name: name.trim(), domain: domain.trim() || null };
    const result = await crm.attempt(() => (company ? crmApi.updateCompany(company.id, body) : crmApi.createCompany(body)));
    setBusy(false);
    if (!result.ok) {
      setFailure(result.failure);
      return;
    }
    crm.toast(COMPANIES_TEXT.saved);
    props.onSaved();
  };
  return (
    <Dialog title={company ? COMPANIES_TEXT.editCompany : COMPANIES_TEXT.newCompany} onClose={props.onClose} testId="company-dialog">
      <form class="dialog__body" onSubmit={(e) => void submit(e)}>
        {failure && !failure.fields ? (
          <div class="banner banner--error dialog__banner" role="alert" data-testid="company-error">
            <span class="banner__text">{failure.message}</span>
          </div>
        ) : null}
        <label class="field">
          <span class="field__label">{COMPANIES_TEXT.name}</span>
          <input class="input" required value={name} onInput={(e) => setName(e.currentTarget.value)} autoFocus data-testid="company-name" />
          {failure?.fields?.name ? <span class="field__error">{failure.fields.name}</span> : null}
        </label>
        <label class="field">
          <span class="field__label">{COMPANIES_TEXT.domain}</span>
          <input class="input" value={domain} placeholder="example.com" onInput={(e) => setDomain(e.currentTarget.value)} data-testid="company-domain" />
          <span class="field__hint">{COMPANIES_TEXT.domainHint}</span>
          {failure?.fields?.domain ? <span class="field__error">{failure.fields.domain}</span> : null}
        </label>
        <div class="dialog__actions">
          <button type="button" class="button button--secondary" onClick={props.onClose}>
            {CRM_TEXT.cancel}
          </button>
          <button type="submit" class="button button--primary" disabled={busy || name.trim() === ""} data-testid="company-submit">
            {busy ? CRM_TEXT.saving : company ? CRM_TEXT.save : COMPANIES_TEXT.create}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** The page. */
export function CompaniesView(props: { crm: CrmOperations; user: UserDTO }) {
  const { crm, user } = props;
  const [q, setQ] = useState("");
  const [list, setList] = useState<ListState>({ items: [], nextCursor: null, status: "loading", error: null });
  const [editing, setEditing] = useState<CompanyDTO | "new" | null>(null);
  const [deleting, setDeleting] = useState<CompanyDTO | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const append = useRef(false);
  const runner = useMemo(
    () =>
      createLatestSearch<{ q: string; cursor: string | null }, Page<CompanyDTO>>({
        fetch: ({ q: text, cursor }, signal) => crmApi.listCompanies(text, cursor, signal),
        started: ({ cursor }) => setList((s) => ({ ...s, status: cursor ? "more" : "loading", error: null })),
        answered: (page) => setList((s) => ({ items: append.current ? [...s.items, ...page.data] : page.data, nextCursor: page.nextCursor, status: "loaded", error: null })),
        failed: (error) => setList((s) => ({ ...s, status: "error", error: crm.failure(error).message })),
      }),
    [crm],
  );
  const search = (text: string, immediate: boolean): void => {
    setQ(text);
    append.current = false;
    runner.search({ q: text, cursor: null }, { immediate });
  };
  useEffect(() => {
    heading.current?.focus();
    runner.search({ q: "", cursor: null }, { immediate: true });
    return () => runner.cancel();
  }, [runner]);
  const reload = (): void => search(q, true);
  const canWrite = can(user.role, "company.write");
  const canDelete = can(user.role, "company.delete");

  let body;
  if (list.status === "loading" && list.items.length === 0) body = <Loading testId="companies-loading" />;
  else if (list.status === "error") body = <ErrorState title={COMPANIES_TEXT.failed} message={list.error ?? ""} onRetry={reload} testId="companies-error" />;
  else if (list.items.length === 0) body = <EmptyState title={q.trim() ? COMPANIES_TEXT.noMatch : COMPANIES_TEXT.empty} hint={q.trim() ? undefined : COMPANIES_TEXT.emptyHint} testId="companies-empty" />;
  else {
    body = (
      <table class="report-table crm-table" data-testid="companies-table">
        <thead>
          <tr>
            <th scope="col">{COMPANIES_TEXT.name}</th>
            <th scope="col">{COMPANIES_TEXT.domain}</th>
            <th scope="col" class="num">
              {COMPANIES_TEXT.customers}
            </th>
            <th scope="col">{COMPANIES_TEXT.created}</th>
            <th scope="col">
              <span class="visually-hidden">{COMPANIES_TEXT.actions}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {list.items.map((c) => {
            const customersHref = `/console/customers${searchFromQuery({ ...emptyQuery(), companyId: c.id })}`;
            return (
              <tr key={c.id} data-testid="company-row" data-company-id={c.id}>
                <td class="crm-table__name">{c.name}</td>
                <td>{c.domain ?? ""}</td>
                <td class="num">
                  <a
                    class="crm-link"
                    href={customersHref}
                    onClick={(e) => {
                      e.preventDefault();
                      crm.openCustomers(searchFromQuery({ ...emptyQuery(), companyId: c.id }));
                    }}
                    aria-label={`${COMPANIES_TEXT.showCustomers}: ${c.name}`}
                    data-testid="company-customers"
                  >
                    {formatNumber(c.customerCount)}
                  </a>
                </td>
                <td>{formatDate(c.createdAt)}</td>
                <td class="crm-table__actions">
                  {canWrite ? (
                    <button type="button" class="link" onClick={() => setEditing(c)} aria-label={`${CRM_TEXT.edit} ${c.name}`} data-testid="company-edit">
                      {CRM_TEXT.edit}
                    </button>
                  ) : null}
                  {canDelete ? (
                    <button type="button" class="link link--danger" onClick={() => setDeleting(c)} aria-label={`${CRM_TEXT.delete} ${c.name}`} data-testid="company-delete">
                      {CRM_TEXT.delete}
                    </button>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    );
  }
  return (
    <main class="reports" data-testid="companies-view">
      <div class="reports__inner crm-page">
        <div class="reports__head">
          <h1 class="reports__title" tabIndex={-1} ref={heading}>
            {COMPANIES_TEXT.title}
          </h1>
          {canWrite ? (
            <button type="button" class="button button--primary" onClick={() => setEditing("new")} data-testid="new-company">
              {COMPANIES_TEXT.newCompany}
            </button>
          ) : null}
        </div>
        <div class="crm-toolbar" role="search">
          <label class="crm-toolbar__search">
            <span class="visually-hidden">{COMPANIES_TEXT.search}</span>
            <input
              class="input"
              type="search"
              placeholder={COMPANIES_TEXT.searchPlaceholder}
              value={q}
              onInput={(e) => search(e.currentTarget.value, false)}
              onKeyDown={(e) => e.key === "Enter" && search(e.currentTarget.value, true)}
              data-testid="company-search"
            />
          </label>
        </div>
        <section class="card reports__card" aria-label={COMPANIES_TEXT.title} aria-busy={list.status === "loading"} data-testid="companies-body" data-state={list.status}>
          {body}
        </section>
        {list.nextCursor && list.status !== "error" ? (
          <button
            type="button"
            class="button button--secondary crm-more"
            disabled={list.status === "more"}
            onClick={() => {
              append.current = true;
              runner.search({ q, cursor: list.nextCursor }, { immediate: true });
            }}
            data-testid="companies-more"
          >
            {list.status === "more" ? CRM_TEXT.loadingMore : CRM_TEXT.loadMore}
          </button>
        ) : null}
      </div>
      {editing ? (
        <CompanyForm
          company={editing === "new" ? null : editing}
          crm={crm}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            reload();
          }}
        />
      ) : null}
      {deleting ? (
        <ConfirmDialog
          title={COMPANIES_TEXT.deleteTitle}
          body={`${deleting.name}: ${COMPANIES_TEXT.deleteBody}`}
          confirm={CRM_TEXT.delete}
          danger
          testId="company-delete-dialog"
          onClose={() => setDeleting(null)}
          onConfirm={async () => {
            const result = await crm.attempt(() => crmApi.deleteCompany(deleting.id));
            if (!result.ok) return result.failure;
            setDeleting(null);
            crm.toast(COMPANIES_TEXT.deleted);
            reload();
            return null;
          }}
        />
      ) : null}
    </main>
  );
}
