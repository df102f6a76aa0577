/** Adds or edits a product: SKU, name, description, price and currency. */
import { useState } from "preact/hooks";
import type { ProductDTO } from "../../../../src/contracts/sales.ts";
import * as salesApi from "../../api/sales-endpoints.ts";
import type { CrmFailure, CrmOperations } from "../../controller/crm-operations.ts";
import { CRM_TEXT } from "../../crm-strings.ts";
import { PRODUCTS_TEXT, SALES_TEXT } from "../../sales-strings.ts";
import { amountInput, parseAmount } from "../../sales-format.ts";
import { Dialog } from "../crm/ui.tsx";

/** The dialog. */
export function ProductDialog(props: { crm: CrmOperations; product: ProductDTO | null; onClose: () => void; onSaved: () => void }) {
  const { crm, product } = props;
  const [sku, setSku] = useState(product?.sku ?? "");
  const [name, setName] = useState(product?.name ?? "");
  const [description, setDescription] = useState(product?.description ?? "");
  const [price, setPrice] = useState(amountInput(product?.priceCents ?? null));
  const [currency, setCurrency] = useState(product?.currency ?? "USD");
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<CrmFailure | null>(null);
  const cents = parseAmount(price);
  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (busy || cents === null) return;
    setBusy(true);
    const body = { sku: sku.trim(), name: name.trim(), description: description.trim() || null, priceCents: cents, currency: currency.trim().toUpperCase() };
    const result = await crm.attempt(() => (product ? salesApi.updateProduct(product.id, body) : salesApi.createProduct(body)));
    setBusy(false);
    if (!result.ok) {
      setFailure(result.failure);
      return;
    }
    crm.toast(PRODUCTS_TEXT.saved);
    props.onSaved();
  };
  const fieldError = (key: string) => (failure?.fields?.[key] ? <span class="field__error">{failure.fields[key]}</span> : null);
  return (
    <Dialog title={product ? PRODUCTS_TEXT.editProduct : PRODUCTS_TEXT.newProduct} onClose={props.onClose} testId="product-dialog">
      <form class="dialog__body" onSubmit={(e) => void submit(e)}>
        {failure && !failure.fields ? (
          <div class="banner banner--error dialog__banner" role="alert" data-testid="product-error">
            <span class="banner__text">{failure.message}</span>
          </div>
        ) : null}
        <div class="field-row">
          <label class="field">
            <span class="field__label">{PRODUCTS_TEXT.sku}</span>
            <input class="input" required value={sku} onInput={(e) => setSku(e.currentTarget.value)} autoFocus data-testid="product-sku" />
            {fieldError("sku")}
          </label>
          <label class="field">
            <span class="field__label">{PRODUCTS_TEXT.name}</span>
            <input class="input" required value={name} onInput={(e) => setName(e.currentTarget.value)} data-testid="product-name" />
            {fieldError("name")}
          </label>
        </div>
        <label class="field">
          <span class="field__label">{PRODUCTS_TEXT.description}</span>
          <textarea class="input" rows={3} value={description} onInput={(e) => setDescription(e.currentTarget.value)} data-testid="product-description" />
        </label>
        <div class="field-row">
          <label class="field">
            <span class="field__label">{PRODUCTS_TEXT.price}</span>
            <input class="input" inputMode="decimal" required value={price} onInput={(e) => setPrice(e.currentTarget.value)} aria-invalid={price !== "" && cents === null ? true : undefined} data-testid="product-price" />
            {fieldError("priceCents")}
          </label>
          <label class="field">
            <span class="field__label">{SALES_TEXT.currency}</span>
            <input class="input" required maxLength={3} value={currency} onInput={(e) => setCurrency(e.currentTarget.value)} data-testid="product-currency" />
            {fieldError("currency")}
          </label>
        </div>
        <div class="dialog__actions">
          <button type="button" class="button button--secondary" onClick={props.onClose}>
            {CRM_TEXT.cancel}
          </button>
          <button type="submit" class="button button--primary" disabled={busy || cents === null || sku.trim() === "" || name.trim() === ""} data-testid="product-submit">
            {busy ? CRM_TEXT.saving : product ? CRM_TEXT.save : PRODUCTS_TEXT.create}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
