/**
 * Settings → Inboxes (admins): every inbox with its channel, webhook URL (copy) and state; add an inbox with a form
 * per channel, check its credentials with the provider, rename, delete (an inbox with conversations says why it cannot),
 * and a web inbox's widget look (widget-look-section.tsx).
 */
import { useEffect, useRef, useState } from "preact/hooks";
import type { CredentialCheckDTO, InboxDTO } from "../../../../src/contracts/channels.ts";
import * as inboxApi from "../../api/inbox-endpoints.ts";
import type { CrmOperations } from "../../controller/crm-operations.ts";
import { EmptyState } from "../common.tsx";
import { ConfirmDialog, ErrorState, Loading, useLoad } from "../crm/ui.tsx";
import { BUSINESS_HOURS_TEXT } from "../../sla-strings.ts";
import { BusinessHoursDialog } from "./business-hours-dialog.tsx";
import { AddInboxDialog, RenameInboxDialog } from "./inbox-dialogs.tsx";
import { VERIFIABLE_CHANNELS } from "./inbox-fields.ts";
import { CHANNEL_NAMES, INBOXES_TEXT } from "./inboxes-strings.ts";
import "./inboxes.css";
import { WidgetLookSection } from "./widget-look-section.tsx";
import { WIDGET_LOOK_TEXT } from "./widget-look-strings.ts";

type Check = { state: "checking" } | { state: "done"; result: CredentialCheckDTO } | { state: "failed"; message: string };

function WebhookUrl(props: { url: string | null }) {
  const [copied, setCopied] = useState(false);
  const field = useRef<HTMLElement>(null);
  if (!props.url) return <span>{INBOXES_TEXT.none}</span>;
  const url = props.url;
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      // Without clipboard access (plain HTTP), the URL is selected for the user to copy themselves.
      if (field.current) getSelection()?.selectAllChildren(field.current);
    }
  };
  return (
    <span class="inbox-webhook">
      <code class="code" ref={field} title={url} data-testid="inbox-webhook-url">
        {url}
      </code>
      <button type="button" class="button button--secondary" onClick={() => void copy()} aria-label={`${INBOXES_TEXT.copy} ${INBOXES_TEXT.webhookUrl}`} data-testid="inbox-copy-webhook">
        {copied ? INBOXES_TEXT.copied : INBOXES_TEXT.copy}
      </button>
    </span>
  );
}

function CheckResult(props: { check: Check | undefined }) {
  const { check } = props;
  if (!check || check.state === "checking") return <span class="inbox-check" role="status" data-testid="inbox-check-result" data-state={check?.state ?? "none"} />;
  if (check.state === "failed") {
    return (
      <span class="inbox-check inbox-check--bad" role="status" data-testid="inbox-check-result" data-state="error">
        {check.message}
      </span>
    );
  }
  const { result } = check;
  return (
    <span class={`inbox-check ${result.ok ? "inbox-check--ok" : "inbox-check--bad"}`} role="status" data-testid="inbox-check-result" data-state={result.ok ? "ok" : "refused"}>
      {result.ok ? `✓ ${INBOXES_TEXT.works} ${result.account}` : `✗ ${INBOXES_TEXT.refused} ${result.reason}`}
    </span>
  );
}

function stateOf(inbox: InboxDTO): string {
  if (inbox.channel === "web" || inbox.channel === "botframework") return INBOXES_TEXT.noSettings;
  return inbox.configured.length > 0 ? INBOXES_TEXT.configured : INBOXES_TEXT.notConfigured;
}

/** The page. */
export function InboxesView(props: { crm: CrmOperations }) {
  const { crm } = props;
  const [inboxes, reload] = useLoad(crm, "inboxes", () => inboxApi.listInboxes());
  const [adding, setAdding] = useState(false);
  const [renaming, setRenaming] = useState<InboxDTO | null>(null);
  const [removing, setRemoving] = useState<InboxDTO | null>(null);
  const [looking, setLooking] = useState<InboxDTO | null>(null);
  const [hours, setHours] = useState<InboxDTO | null>(null);
  const [checks, setChecks] = useState<Record<string, Check>>({});
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const check = async (inbox: InboxDTO): Promise<void> => {
    setChecks((c) => ({ ...c, [inbox.id]: { state: "checking" } }));
    const result = await crm.attempt(() => inboxApi.verifyInbox(inbox.id));
    setChecks((c) => ({ ...c, [inbox.id]: result.ok ? { state: "done", result: result.data } : { state: "failed", message: result.failure.message } }));
  };
  let body;
  if (inboxes.state === "loading") body = <Loading testId="inboxes-loading" />;
  else if (inboxes.state === "error") body = <ErrorState title={INBOXES_TEXT.failed} message={inboxes.failure.message} onRetry={reload} testId="inboxes-error" />;
  else if (inboxes.data.length === 0) body = <EmptyState title={INBOXES_TEXT.empty} hint={INBOXES_TEXT.emptyHint} testId="inboxes-empty" />;
  else {
    body = (
      <table class="report-table crm-table" data-testid="inboxes-table">
        <thead>
          <tr>
            <th scope="col">{INBOXES_TEXT.name}</th>
            <th scope="col">{INBOXES_TEXT.channel}</th>
            <th scope="col">{INBOXES_TEXT.webhookUrl}</th>
            <th scope="col">{INBOXES_TEXT.state}</th>
            <th scope="col">
              <span class="visually-hidden">{INBOXES_TEXT.actions}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {inboxes.data.map((inbox) => (
            <tr key={inbox.id} data-testid="inbox-row" data-inbox-id={inbox.id} data-channel={inbox.channel}>
              <td class="crm-table__name">{inbox.name}</td>
              <td>{CHANNEL_NAMES[inbox.channel as keyof typeof CHANNEL_NAMES] ?? inbox.channel}</td>
              <td>
                <WebhookUrl url={inbox.webhookUrl} />
              </td>
              <td class="crm-table__wrap">
                <span data-testid="inbox-state">{stateOf(inbox)}</span>
                <CheckResult check={checks[inbox.id]} />
              </td>
              <td>
                <span class="inbox-actions">
                  {inbox.channel === "web" ? (
                    <button type="button" class="link" onClick={() => setLooking(inbox)} aria-label={WIDGET_LOOK_TEXT.openFor(inbox.name)} aria-expanded={looking?.id === inbox.id} data-testid="inbox-widget-look">
                      {WIDGET_LOOK_TEXT.open}
                    </button>
                  ) : null}
                  {VERIFIABLE_CHANNELS.includes(inbox.channel) ? (
                    <button type="button" class="link" disabled={checks[inbox.id]?.state === "checking"} onClick={() => void check(inbox)} aria-label={`${INBOXES_TEXT.check}: ${inbox.name}`} data-testid="inbox-check">
                      {checks[inbox.id]?.state === "checking" ? INBOXES_TEXT.checking : INBOXES_TEXT.check}
                    </button>
                  ) : null}
                  <button type="button" class="link" onClick={() => setHours(inbox)} aria-label={`${BUSINESS_HOURS_TEXT.open}: ${inbox.name}`} data-testid="inbox-hours">
                    {BUSINESS_HOURS_TEXT.open}
                  </button>
                  <button type="button" class="link" onClick={() => setRenaming(inbox)} aria-label={`${INBOXES_TEXT.rename} ${inbox.name}`} data-testid="inbox-rename">
                    {INBOXES_TEXT.rename}
                  </button>
                  <button type="button" class="link link--danger" onClick={() => setRemoving(inbox)} aria-label={`${INBOXES_TEXT.remove} ${inbox.name}`} data-testid="inbox-delete">
                    {INBOXES_TEXT.remove}
                  </button>
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  }
  return (
    <main class="reports" data-testid="inboxes-view">
      <div class="reports__inner crm-page">
        <div class="reports__head">
          <div>
            <h1 class="reports__title" tabIndex={-1} ref={heading}>
              {INBOXES_TEXT.title}
            </h1>
            <p class="reports__summary">{INBOXES_TEXT.intro}</p>
          </div>
          <button type="button" class="button button--primary" onClick={() => setAdding(true)} data-testid="inbox-add">
            {INBOXES_TEXT.add}
          </button>
        </div>
        <section class="card reports__card" aria-label={INBOXES_TEXT.title} data-testid="inboxes-body" data-state={inboxes.state}>
          {body}
        </section>
        {looking ? <WidgetLookSection crm={crm} inbox={looking} onClose={() => setLooking(null)} /> : null}
      </div>
      {adding ? (
        <AddInboxDialog
          crm={crm}
          onClose={() => setAdding(false)}
          onAdded={() => {
            setAdding(false);
            crm.toast(INBOXES_TEXT.added);
            reload();
          }}
        />
      ) : null}
      {renaming ? (
        <RenameInboxDialog
          crm={crm}
          inbox={renaming}
          onClose={() => setRenaming(null)}
          onRenamed={() => {
            setRenaming(null);
            reload();
          }}
        />
      ) : null}
      {hours ? <BusinessHoursDialog crm={crm} inbox={hours} onClose={() => setHours(null)} onSaved={() => setHours(null)} /> : null}
      {removing ? (
        <ConfirmDialog
          title={INBOXES_TEXT.removeTitle}
          body={`${removing.name} (${CHANNEL_NAMES[removing.channel as keyof typeof CHANNEL_NAMES] ?? removing.channel}): ${INBOXES_TEXT.removeBody}`}
          confirm={INBOXES_TEXT.remove}
          danger
          testId="inbox-delete-dialog"
          onClose={() => setRemoving(null)}
          onConfirm={async () => {
            const result = await crm.attempt(() => inboxApi.deleteInbox(removing.id));
            if (!result.ok) return result.failure.code === "INBOX_IN_USE" ? { ...result.failure, message: INBOXES_TEXT.inUse } : result.failure;
            setRemoving(null);
            crm.toast(INBOXES_TEXT.removed);
            reload();
            return null;
          }}
        />
      ) : null}
    </main>
  );
}
