/** Settings → API keys (admins): the keys with their scopes and use, a new key whose token shows once, revoke with confirm. */
import { useEffect, useRef, useState } from "preact/hooks";
import type { ApiKeyDTO } from "../../../../src/contracts/crm.ts";
import { API_SCOPES, type ApiScope } from "../../../../src/contracts/permissions.ts";
import * as crmApi from "../../api/crm-endpoints.ts";
import type { CrmFailure, CrmOperations } from "../../controller/crm-operations.ts";
import { API_KEYS_TEXT, CRM_TEXT } from "../../crm-strings.ts";
import { formatDate, formatRelativeTime } from "../../format.ts";
import { EmptyState } from "../common.tsx";
import { ConfirmDialog, Dialog, ErrorState, Loading, useLoad } from "./ui.tsx";

function TokenOnce(props: { token: string; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  const field = useRef<HTMLInputElement>(null);
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(props.token);
      setCopied(true);
    } catch {
      // Without clipboard access (plain HTTP), the token is selected for the user to copy themselves.
      field.current?.select();
    }
  };
  return (
    <div class="dialog__body" data-testid="api-key-token">
      <div class="banner banner--warning" role="alert">
        <span class="banner__text">{API_KEYS_TEXT.tokenWarning}</span>
      </div>
      <div class="token">
        <label class="visually-hidden" for="api-key-token-value">
          {API_KEYS_TEXT.tokenTitle}
        </label>
        <input id="api-key-token-value" ref={field} class="input token__value" readOnly value={props.token} onFocus={(e) => e.currentTarget.select()} data-testid="api-key-token-value" />
        <button type="button" class="button button--secondary" onClick={() => void copy()} data-testid="api-key-copy">
          {copied ? API_KEYS_TEXT.copied : API_KEYS_TEXT.copy}
        </button>
      </div>
      <div class="dialog__actions">
        <button type="button" class="button button--primary" onClick={props.onDone} data-testid="api-key-done">
          {API_KEYS_TEXT.done}
        </button>
      </div>
    </div>
  );
}

function NewKeyDialog(props: { crm: CrmOperations; onClose: () => void; onCreated: () => void }) {
  const { crm } = props;
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<ApiScope[]>(["customers:read"]);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<CrmFailure | null>(null);
  const [token, setToken] = useState<string | null>(null);
  const toggle = (scope: ApiScope): void => setScopes((s) => (s.includes(scope) ? s.filter((x) => x !== scope) : [...s, scope]));
  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    const result = await crm.attempt(() => crmApi.createApiKey(name.trim(), scopes));
    setBusy(false);
    if (!result.ok) {
      setFailure(result.failure);
      return;
    }
    setToken(result.data.token);
    props.onCreated();
  };
  return (
    <Dialog title={token ? API_KEYS_TEXT.tokenTitle : API_KEYS_TEXT.newKey} onClose={props.onClose} testId="api-key-dialog">
      {token ? (
        <TokenOnce token={token} onDone={props.onClose} />
      ) : (
        <form class="dialog__body" onSubmit={(e) => void submit(e)}>
          {failure ? (
            <p class="field__error" role="alert" data-testid="api-key-error">
              {failure.message}
            </p>
          ) : null}
          <label class="field">
            <span class="field__label">{API_KEYS_TEXT.name}</span>
            <input class="input" required value={name} onInput={(e) => setName(e.currentTarget.value)} autoFocus data-testid="api-key-name" />
          </label>
          <fieldset class="scopes">
            <legend class="field__label">{API_KEYS_TEXT.scopesLegend}</legend>
            {API_SCOPES.map((scope) => (
              <label class="scopes__item" key={scope}>
                <input type="checkbox" checked={scopes.includes(scope)} onChange={() => toggle(scope)} data-testid={`api-key-scope-${scope}`} />
                <code>{scope}</code>
              </label>
            ))}
          </fieldset>
          <div class="dialog__actions">
            <button type="button" class="button button--secondary" onClick={props.onClose}>
              {CRM_TEXT.cancel}
            </button>
            <button type="submit" class="button button--primary" disabled={busy || name.trim() === "" || scopes.length === 0} data-testid="api-key-submit">
              {busy ? API_KEYS_TEXT.creating : API_KEYS_TEXT.create}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}

/** The page. */
export function ApiKeysView(props: { crm: CrmOperations }) {
  const { crm } = props;
  const [keys, reload] = useLoad(crm, "api-keys", () => crmApi.listApiKeys());
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiKeyDTO | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  let body;
  if (keys.state === "loading") body = <Loading testId="api-keys-loading" />;
  else if (keys.state === "error") body = <ErrorState title={API_KEYS_TEXT.failed} message={keys.failure.message} onRetry={reload} testId="api-keys-error" />;
  else if (keys.data.length === 0) body = <EmptyState title={API_KEYS_TEXT.empty} hint={API_KEYS_TEXT.emptyHint} testId="api-keys-empty" />;
  else {
    body = (
      <table class="report-table crm-table" data-testid="api-keys-table">
        <thead>
          <tr>
            <th scope="col">{API_KEYS_TEXT.name}</th>
            <th scope="col">{API_KEYS_TEXT.prefix}</th>
            <th scope="col">{API_KEYS_TEXT.scopes}</th>
            <th scope="col">{API_KEYS_TEXT.created}</th>
            <th scope="col">{API_KEYS_TEXT.lastUsed}</th>
            <th scope="col">{API_KEYS_TEXT.status}</th>
            <th scope="col">
              <span class="visually-hidden">{API_KEYS_TEXT.revoke}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {keys.data.map((k) => (
            <tr key={k.id} class={k.revokedAt ? "crm-table__row--revoked" : undefined} data-testid="api-key-row" data-key-id={k.id} data-revoked={k.revokedAt ? "true" : "false"}>
              <td class="crm-table__name">{k.name}</td>
              <td>
                <code>{k.prefix}…</code>
              </td>
              <td class="crm-table__wrap">
                {k.scopes.map((s) => (
                  <span class="pill" key={s}>
                    {s}
                  </span>
                ))}
              </td>
              <td>{formatDate(k.createdAt)}</td>
              <td>{k.lastUsedAt ? formatRelativeTime(k.lastUsedAt) : API_KEYS_TEXT.never}</td>
              <td>
                {k.revokedAt ? (
                  <span class="badge badge--priority-urgent" title={formatDate(k.revokedAt)}>
                    {API_KEYS_TEXT.revoked}
                  </span>
                ) : (
                  <span class="badge badge--conv-resolved">{API_KEYS_TEXT.active}</span>
                )}
              </td>
              <td class="crm-table__actions">
                {k.revokedAt ? null : (
                  <button type="button" class="link link--danger" onClick={() => setRevoking(k)} aria-label={`${API_KEYS_TEXT.revoke} ${k.name}`} data-testid="api-key-revoke">
                    {API_KEYS_TEXT.revoke}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  }
  return (
    <main class="reports" data-testid="api-keys-view">
      <div class="reports__inner crm-page">
        <div class="reports__head">
          <div>
            <h1 class="reports__title" tabIndex={-1} ref={heading}>
              {API_KEYS_TEXT.title}
            </h1>
            <p class="reports__summary">
              {API_KEYS_TEXT.intro} <code class="code">{API_KEYS_TEXT.introHeader}</code>
            </p>
          </div>
          <button type="button" class="button button--primary" onClick={() => setCreating(true)} data-testid="new-api-key">
            {API_KEYS_TEXT.newKey}
          </button>
        </div>
        <section class="card reports__card" aria-label={API_KEYS_TEXT.title} data-testid="api-keys-body" data-state={keys.state}>
          {body}
        </section>
      </div>
      {creating ? <NewKeyDialog crm={crm} onClose={() => setCreating(false)} onCreated={reload} /> : null}
      {revoking ? (
        <ConfirmDialog
          title={API_KEYS_TEXT.revokeTitle}
          body={`${revoking.name} (${revoking.prefix}…): ${API_KEYS_TEXT.revokeBody}`}
          confirm={API_KEYS_TEXT.revoke}
          danger
          testId="api-key-revoke-dialog"
          onClose={() => setRevoking(null)}
          onConfirm={async () => {
            const result = await crm.attempt(() => crmApi.revokeApiKey(revoking.id));
            if (!result.ok) return result.failure;
            setRevoking(null);
            crm.toast(API_KEYS_TEXT.revoked_);
            reload();
            return null;
          }}
        />
      ) : null}
    </main>
  );
}
