/** Picks a customer by searching the CRM (name, email, phone): a search box and a list of matches to choose from. */
import { useEffect, useState } from "preact/hooks";
import type { CustomerSummaryDTO } from "../../../../src/contracts/crm.ts";
import * as crmApi from "../../api/crm-endpoints.ts";
import { isAbort } from "../../api/http.ts";
import { SALES_TEXT } from "../../sales-strings.ts";
import { emptyQuery } from "../../store/customers.ts";

/** A chosen customer. */
export type PickedCustomer = { id: string; name: string };

const SEARCH_DELAY_MS = 250;

function label(c: CustomerSummaryDTO): string {
  return c.name ?? c.email ?? c.phone ?? c.id;
}

/** The picker; `value` null shows the search, a customer shows their name with a Change button. */
export function CustomerPicker(props: { value: PickedCustomer | null; onChange: (customer: PickedCustomer | null) => void; testId: string; label?: string; allowClear?: boolean }) {
  const [q, setQ] = useState("");
  const [matches, setMatches] = useState<CustomerSummaryDTO[] | null>(null);
  useEffect(() => {
    if (props.value || q.trim() === "") {
      setMatches(null);
      return undefined;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      crmApi
        .listCustomers({ ...emptyQuery(), q: q.trim() }, null, controller.signal)
        .then((page) => setMatches(page.data.slice(0, 8)))
        .catch((error: unknown) => {
          if (!isAbort(error)) setMatches([]);
        });
    }, SEARCH_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [q, props.value]);
  if (props.value) {
    return (
      <div class="field" data-testid={props.testId}>
        <span class="field__label">{props.label ?? SALES_TEXT.customer}</span>
        <span class="picker__chosen">
          <span data-testid={`${props.testId}-value`}>{props.value.name}</span>
          <button type="button" class="link" onClick={() => props.onChange(null)} data-testid={`${props.testId}-change`}>
            {props.allowClear ? "×" : "Change"}
          </button>
        </span>
      </div>
    );
  }
  return (
    <div class="field picker" data-testid={props.testId}>
      <label class="field__label" for={`${props.testId}-input`}>
        {props.label ?? SALES_TEXT.customer}
      </label>
      <input id={`${props.testId}-input`} class="input" type="search" value={q} placeholder={SALES_TEXT.customerPlaceholder} onInput={(e) => setQ(e.currentTarget.value)} autoComplete="off" data-testid={`${props.testId}-input`} />
      {matches ? (
        <ul class="picker__list" role="listbox" aria-label={SALES_TEXT.searchCustomer}>
          {matches.length === 0 ? <li class="picker__none">{SALES_TEXT.noCustomer}</li> : null}
          {matches.map((c) => (
            <li key={c.id} role="option" aria-selected="false">
              <button type="button" class="picker__option" onClick={() => props.onChange({ id: c.id, name: label(c) })} data-testid={`${props.testId}-option`}>
                {label(c)} {c.email && c.name ? <span class="card__muted">{c.email}</span> : null}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
