/** The "New customer" form; a taken email or phone (409 CUSTOMER_EXISTS) links to the existing record. */
import { useState } from "preact/hooks";
import type { CompanyDTO } from "../../../../src/contracts/crm.ts";
import * as crmApi from "../../api/crm-endpoints.ts";
import type { CrmFailure, CrmOperations } from "../../controller/crm-operations.ts";
import { CRM_TEXT, CUSTOMERS_TEXT, NEW_CUSTOMER_TEXT } from "../../crm-strings.ts";
import { parseTags } from "../../store/customers.ts";
import { Dialog } from "./ui.tsx";

function FieldInput(props: { label: string; value: string; onInput: (v: string) => void; type?: "text" | "email" | "tel"; error?: string; testId: string; hint?: string; autoFocus?: boolean }) {
  const errorId = `${props.testId}-error`;
  return (
    <label class="field">
      <span class="field__label">{props.label}</span>
      <input
        class="input"
        {...(props.type === "email" ? { type: "email" as const } : props.type === "tel" ? { type: "tel" as const } : { type: "text" as const })}
        value={props.value}
        onInput={(e) => props.onInput(e.currentTarget.value)}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? errorId : undefined}
        autoFocus={props.autoFocus}
        data-testid={props.testId}
      />
      {props.hint ? <span class="field__hint">{props.hint}</span> : null}
      {props.error ? (
        <span class="field__error" id={errorId}>
          {props.error}
        </span>
      ) : null}
    </label>
  );
}

/** The dialog. */
export function NewCustomerDialog(props: { crm: CrmOperations; companies: CompanyDTO[]; onClose: () => void }) {
  const { crm } = props;
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [phone, setPhone] = useState("");
  const [companyId, setCompanyId] = useState("");
  const [tags, setTags] = useState("");
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<CrmFailure | null>(null);
  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (busy) return;
    if (!name.trim() && !email.trim() && !phone.trim()) {
      setFailure({ status: 400, code: "VALIDATION_FAILED", message: NEW_CUSTOMER_TEXT.needOne, details: {} });
      return;
    }
    setBusy(true);
    const body: crmApi.NewCustomer = {
      name: name.trim() || undefined,
      email: email.trim() || undefined,
      phone: phone.trim() || undefined,
      companyId: companyId || undefined,
      tags: parseTags(tags).length > 0 ? parseTags(tags) : undefined,
    };
    const result = await crm.attempt(() => crmApi.createCustomer(body));
    setBusy(false);
    if (result.ok) {
      props.onClose();
      crm.openCustomer(result.data.id);
    } else setFailure(result.failure);
  };
  const exists = failure?.code === "CUSTOMER_EXISTS";
  const existingId = failure?.details.existingId;
  return (
    <Dialog title={NEW_CUSTOMER_TEXT.title} onClose={props.onClose} testId="new-customer-dialog">
      <form class="dialog__body" onSubmit={(e) => void submit(e)} noValidate>
        {failure && (exists || !failure.fields) ? (
          <div class="banner banner--error dialog__banner" role="alert" data-testid="new-customer-error">
            <span class="banner__text">{exists ? NEW_CUSTOMER_TEXT.exists : failure.message}</span>
            {exists && existingId ? (
              <a
                class="crm-link"
                href={`/console/customers/${encodeURIComponent(existingId)}`}
                onClick={(e) => {
                  e.preventDefault();
                  props.onClose();
                  crm.openCustomer(existingId);
                }}
                data-testid="open-existing"
              >
                {NEW_CUSTOMER_TEXT.openExisting}
              </a>
            ) : null}
          </div>
        ) : null}
        <FieldInput label={NEW_CUSTOMER_TEXT.name} value={name} onInput={setName} error={failure?.fields?.name} testId="new-name" autoFocus />
        <FieldInput label={NEW_CUSTOMER_TEXT.email} type="email" value={email} onInput={setEmail} error={failure?.fields?.email} testId="new-email" />
        <FieldInput label={NEW_CUSTOMER_TEXT.phone} type="tel" value={phone} onInput={setPhone} error={failure?.fields?.phone} testId="new-phone" />
        <label class="field">
          <span class="field__label">{CUSTOMERS_TEXT.company}</span>
          <select class="select select--field" value={companyId} onChange={(e) => setCompanyId(e.currentTarget.value)} data-testid="new-company">
            <option value="">{CUSTOMERS_TEXT.anyCompany}</option>
            {props.companies.map((c) => (
              <option value={c.id} key={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <FieldInput label={NEW_CUSTOMER_TEXT.tags} value={tags} onInput={setTags} hint={NEW_CUSTOMER_TEXT.tagsHint} error={failure?.fields?.tags} testId="new-tags" />
        <div class="dialog__actions">
          <button type="button" class="button button--secondary" onClick={props.onClose}>
            {CRM_TEXT.cancel}
          </button>
          <button type="submit" class="button button--primary" disabled={busy} data-testid="new-submit">
            {busy ? NEW_CUSTOMER_TEXT.creating : NEW_CUSTOMER_TEXT.create}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
