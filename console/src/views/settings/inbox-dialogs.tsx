/** Settings → Inboxes' dialogs: add an inbox (a form per channel, secrets as password fields) and rename one. */
import { useState } from "preact/hooks";
import type { InboxChannel, InboxDTO } from "../../../../src/contracts/channels.ts";
import * as inboxApi from "../../api/inbox-endpoints.ts";
import type { CrmFailure, CrmOperations } from "../../controller/crm-operations.ts";
import { CRM_TEXT } from "../../crm-strings.ts";
import { Dialog } from "../crm/ui.tsx";
import { INBOX_FIELDS, type InboxField } from "./inbox-fields.ts";

// From the fields table (typed over every channel) rather than the contracts' list, which would bring zod into the bundle.
const CHANNELS = Object.keys(INBOX_FIELDS) as InboxChannel[];
import { CHANNEL_NAMES, INBOXES_TEXT } from "./inboxes-strings.ts";

/** A form's submit: one call at a time, its failure kept to show, `onDone` with its answer. */
function useSubmit<T>(crm: CrmOperations, call: () => Promise<T>, onDone: (data: T) => void) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<CrmFailure | null>(null);
  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    const result = await crm.attempt(call);
    setBusy(false);
    if (!result.ok) return setFailure(result.failure);
    onDone(result.data);
  };
  return { busy, failure, submit };
}

function FailureText(props: { failure: CrmFailure | null; testId: string }) {
  if (!props.failure) return null;
  return (
    <p class="field__error" role="alert" data-testid={props.testId}>
      {props.failure.message}
    </p>
  );
}

function SettingField(props: { name: string; field: InboxField; value: string; error?: string; onInput: (value: string) => void }) {
  const { name, field } = props;
  const inputId = `inbox-setting-${name}`;
  const hintId = `${inputId}-hint`;
  return (
    <div class="field">
      <label class="field__label" for={inputId}>
        {field.label} {field.required ? null : <span class="inbox-hint">{INBOXES_TEXT.optional}</span>}
      </label>
      <input
        id={inputId}
        class="input"
        // Preact types each input type apart; this one is a runtime choice among text-like types.
        type={field.type as "text"}
        required={field.required}
        autoComplete={field.type === "password" ? "new-password" : "off"}
        placeholder={field.placeholder}
        value={props.value}
        aria-describedby={hintId}
        aria-invalid={props.error ? "true" : undefined}
        onInput={(e) => props.onInput(e.currentTarget.value)}
        data-testid={`inbox-setting-${name}`}
      />
      <span class="inbox-hint" id={hintId}>
        {[field.hint, field.type === "password" ? INBOXES_TEXT.secretHint : undefined].filter(Boolean).join(" ")}
      </span>
      {props.error ? <span class="field__error">{props.error}</span> : null}
    </div>
  );
}

/** The "Add inbox" dialog: the name, the channel, and that channel's settings; focus starts on the name, Escape closes. */
export function AddInboxDialog(props: { crm: CrmOperations; onClose: () => void; onAdded: (inbox: InboxDTO) => void }) {
  const [name, setName] = useState("");
  const [channel, setChannel] = useState<InboxChannel>("telegram");
  const [values, setValues] = useState<Record<string, string>>({});
  const fields = Object.entries(INBOX_FIELDS[channel] as Record<string, InboxField>);
  // Empty optional fields are left out, so the server applies its defaults (the provider's real API).
  const settings = (): Record<string, string> => Object.fromEntries(fields.map(([key]) => [key, values[key]?.trim() ?? ""]).filter(([, value]) => value !== ""));
  const { busy, failure, submit } = useSubmit(props.crm, () => inboxApi.createInbox({ name: name.trim(), channel, settings: settings() }), props.onAdded);
  return (
    <Dialog title={INBOXES_TEXT.addTitle} onClose={props.onClose} testId="inbox-add-dialog" wide>
      <form class="dialog__body" onSubmit={(e) => void submit(e)}>
        <FailureText failure={failure} testId="inbox-add-error" />
        <div class="field">
          <label class="field__label" for="inbox-name">
            {INBOXES_TEXT.name}
          </label>
          <input id="inbox-name" class="input" required maxLength={200} value={name} onInput={(e) => setName(e.currentTarget.value)} autoFocus data-testid="inbox-name" />
        </div>
        <div class="field">
          <label class="field__label" for="inbox-channel">
            {INBOXES_TEXT.channel}
          </label>
          <select id="inbox-channel" class="input" value={channel} onChange={(e) => setChannel(e.currentTarget.value as InboxChannel)} data-testid="inbox-channel">
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {CHANNEL_NAMES[c]}
              </option>
            ))}
          </select>
        </div>
        {fields.length === 0 ? <p class="inbox-hint">{INBOXES_TEXT.noFields}</p> : null}
        {fields.map(([key, field]) => (
          <SettingField key={`${channel}-${key}`} name={key} field={field} value={values[key] ?? ""} error={failure?.fields?.[`settings.${key}`]} onInput={(value) => setValues((v) => ({ ...v, [key]: value }))} />
        ))}
        <div class="dialog__actions">
          <button type="button" class="button button--secondary" onClick={props.onClose}>
            {CRM_TEXT.cancel}
          </button>
          <button type="submit" class="button button--primary" disabled={busy || name.trim() === ""} data-testid="inbox-add-submit">
            {busy ? INBOXES_TEXT.adding : INBOXES_TEXT.add}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** The rename dialog: the current name selected, Enter saves, Escape closes. */
export function RenameInboxDialog(props: { crm: CrmOperations; inbox: InboxDTO; onClose: () => void; onRenamed: () => void }) {
  const [name, setName] = useState(props.inbox.name);
  const { busy, failure, submit } = useSubmit(props.crm, () => inboxApi.renameInbox(props.inbox.id, name.trim()), props.onRenamed);
  return (
    <Dialog title={INBOXES_TEXT.renameTitle} onClose={props.onClose} testId="inbox-rename-dialog">
      <form class="dialog__body" onSubmit={(e) => void submit(e)}>
        <FailureText failure={failure} testId="inbox-rename-error" />
        <div class="field">
          <label class="field__label" for="inbox-rename">
            {INBOXES_TEXT.name}
          </label>
          <input id="inbox-rename" class="input" required maxLength={200} value={name} onInput={(e) => setName(e.currentTarget.value)} onFocus={(e) => e.currentTarget.select()} autoFocus data-testid="inbox-rename-input" />
        </div>
        <div class="dialog__actions">
          <button type="button" class="button button--secondary" onClick={props.onClose}>
            {CRM_TEXT.cancel}
          </button>
          <button type="submit" class="button button--primary" disabled={busy || name.trim() === ""} data-testid="inbox-rename-submit">
            {busy ? INBOXES_TEXT.saving : INBOXES_TEXT.save}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
