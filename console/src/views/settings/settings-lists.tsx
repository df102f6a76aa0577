/** Settings → Labels, Canned replies and the Audit log. */
import { useCallback, useState } from "preact/hooks";
import type { AuditEntryDTO } from "../../../../src/contracts/helpdesk.ts";
import { createCanned, createLabel, listAllCanned, listAudit, listLabels } from "../../api/helpdesk-endpoints.ts";
import { LabelChips } from "../label-picker.tsx";
import { SETTINGS_TEXT } from "./settings-strings.ts";
import { RemoteBody } from "./settings-ui.tsx";
import { useRemote } from "./use-remote.ts";

type TabProps = { onError: (message: string) => void };

/** Runs a form's request, reporting a failure; resolves true on success. */
async function attempt(run: () => Promise<unknown>, onError: (message: string) => void): Promise<boolean> {
  try {
    await run();
    return true;
  } catch (error) {
    onError(error instanceof Error ? error.message : String(error));
    return false;
  }
}

/** The Labels tab: every label and a form adding one. */
export function LabelsTab(props: TabProps) {
  const [labels, reload] = useRemote(listLabels);
  const [name, setName] = useState("");
  const [color, setColor] = useState("#2563eb");
  const [intents, setIntents] = useState("");
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    const list = intents.split(",").map((s) => s.trim()).filter(Boolean);
    if (await attempt(() => createLabel({ name, color, intents: list }), props.onError)) {
      setName("");
      setIntents("");
      reload();
    }
  };
  return (
    <>
      <form class="settings-form" onSubmit={(e) => void submit(e)} data-testid="new-label-form">
        <label class="field">
          <span class="field__label">{SETTINGS_TEXT.labelName}</span>
          <input class="input" required maxLength={50} value={name} onInput={(e) => setName(e.currentTarget.value)} data-testid="new-label-name" />
        </label>
        <label class="field field--narrow">
          <span class="field__label">{SETTINGS_TEXT.color}</span>
          <input class="input" type="color" value={color} onInput={(e) => setColor(e.currentTarget.value)} />
        </label>
        <label class="field">
          <span class="field__label">{SETTINGS_TEXT.intents}</span>
          <input class="input" value={intents} onInput={(e) => setIntents(e.currentTarget.value)} />
        </label>
        <button type="submit" class="button button--primary">
          {SETTINGS_TEXT.addLabel}
        </button>
      </form>
      <RemoteBody remote={labels} onRetry={reload} empty={SETTINGS_TEXT.noLabels} testId="labels">
        {(list) => (
          <ul class="settings-list" data-testid="labels-list">
            {list.map((l) => (
              <li key={l.id}>
                <LabelChips labels={[l]} /> {l.intents.length ? `← ${l.intents.join(", ")}` : ""}
              </li>
            ))}
          </ul>
        )}
      </RemoteBody>
    </>
  );
}

/** The Canned replies tab: the replies the user sees and a form adding one. */
export function CannedTab(props: TabProps & { mayShare: boolean }) {
  const [replies, reload] = useRemote(listAllCanned);
  const [shortcut, setShortcut] = useState("");
  const [text, setText] = useState("");
  const [shared, setShared] = useState(props.mayShare);
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    if (await attempt(() => createCanned({ shortcut, text, shared }), props.onError)) {
      setShortcut("");
      setText("");
      reload();
    }
  };
  return (
    <>
      <form class="settings-form" onSubmit={(e) => void submit(e)} data-testid="new-canned-form">
        <label class="field field--narrow">
          <span class="field__label">{SETTINGS_TEXT.shortcut}</span>
          <input class="input" required pattern="[A-Za-z0-9][A-Za-z0-9_\-]{0,49}" value={shortcut} onInput={(e) => setShortcut(e.currentTarget.value)} />
        </label>
        <label class="field">
          <span class="field__label">{SETTINGS_TEXT.text}</span>
          <input class="input" required value={text} onInput={(e) => setText(e.currentTarget.value)} />
        </label>
        {props.mayShare ? (
          <label class="settings-check">
            <input type="checkbox" checked={shared} onChange={(e) => setShared(e.currentTarget.checked)} /> {SETTINGS_TEXT.shared}
          </label>
        ) : null}
        <button type="submit" class="button button--primary">
          {SETTINGS_TEXT.addCanned}
        </button>
      </form>
      <RemoteBody remote={replies} onRetry={reload} empty={SETTINGS_TEXT.noCanned} testId="canned">
        {(list) => (
          <ul class="settings-list">
            {list.map((r) => (
              <li key={r.id}>
                <strong>/{r.shortcut}</strong> {r.shared ? "" : `(${SETTINGS_TEXT.personal}) `}— {r.text}
              </li>
            ))}
          </ul>
        )}
      </RemoteBody>
    </>
  );
}

const AUDIT_ACTIONS = ["user.created", "user.updated", "user.deactivated", "user.reactivated", "user.password_reset", "team.created", "team.updated", "label.created", "label.updated", "label.deleted", "canned_reply.created", "canned_reply.updated", "canned_reply.deleted", "inbox.created", "inbox.updated", "inbox.deleted", "inbox.widget_look_updated", "inbox.business_hours_changed", "sla_policy.created", "sla_policy.updated", "sla_policy.deleted", "api_key.created", "api_key.revoked", "kb_article.created", "kb_article.updated", "kb_article.deleted", "intent_model.train_requested"];

function summary(entry: AuditEntryDTO): string {
  const keys = [...new Set([...Object.keys(entry.before ?? {}), ...Object.keys(entry.after ?? {})])];
  return keys.map((k) => `${k}: ${JSON.stringify(entry.before?.[k] ?? null)} → ${JSON.stringify(entry.after?.[k] ?? null)}`).join("; ");
}

/** The Audit log tab: entries newest first, filtered by action, with "Load more". */
export function AuditTab() {
  const [action, setAction] = useState<string | null>(null);
  const [more, setMore] = useState<{ items: AuditEntryDTO[]; cursor: string | null }>({ items: [], cursor: null });
  const load = useCallback(async () => {
    const page = await listAudit(action, null);
    setMore({ items: [], cursor: page.nextCursor });
    return page.data;
  }, [action]);
  const [first, reload] = useRemote(load);
  const loadMore = async (): Promise<void> => {
    if (!more.cursor) return;
    const page = await listAudit(action, more.cursor);
    setMore({ items: [...more.items, ...page.data], cursor: page.nextCursor });
  };
  return (
    <>
      <label class="field field--narrow">
        <span class="field__label">{SETTINGS_TEXT.action}</span>
        <select class="select input" value={action ?? ""} onChange={(e) => setAction(e.currentTarget.value || null)} data-testid="audit-action">
          <option value="">{SETTINGS_TEXT.allActions}</option>
          {AUDIT_ACTIONS.map((a) => (
            <option value={a}>{a}</option>
          ))}
        </select>
      </label>
      <RemoteBody remote={first} onRetry={reload} empty={SETTINGS_TEXT.noAudit} testId="audit">
        {(list) => (
          <table class="crm-table" data-testid="audit-table">
            <thead>
              <tr>
                <th>{SETTINGS_TEXT.when}</th>
                <th>{SETTINGS_TEXT.who}</th>
                <th>{SETTINGS_TEXT.what}</th>
                <th>{SETTINGS_TEXT.change}</th>
              </tr>
            </thead>
            <tbody>
              {[...list, ...more.items].map((e) => (
                <tr key={e.id} data-testid="audit-row" data-action={e.action}>
                  <td>{new Date(e.createdAt).toLocaleString()}</td>
                  <td>{e.actor.name}</td>
                  <td>
                    {e.action} <span class="faint">{e.target.type}</span>
                  </td>
                  <td class="settings-change">{summary(e)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </RemoteBody>
      {more.cursor ? (
        <button type="button" class="button button--secondary" onClick={() => void loadMore()}>
          {SETTINGS_TEXT.loadMore}
        </button>
      ) : null}
    </>
  );
}
