/** Pieces the CRM pages share: a modal dialog, the loading and error states, tag pills, and a loader hook. */
import type { ComponentChildren } from "preact";
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import type { CrmFailure, CrmOperations } from "../../controller/crm-operations.ts";
import { CRM_TEXT } from "../../crm-strings.ts";

/** Something being loaded for a page. */
export type Loaded<T> = { state: "loading" } | { state: "error"; failure: CrmFailure } | { state: "loaded"; data: T };

/** Loads data when `key` changes (and on `reload`), dropping answers to a previous key; 401s sign out. */
export function useLoad<T>(crm: CrmOperations, key: string, load: () => Promise<T>): [Loaded<T>, () => void, (data: T) => void] {
  const [value, setValue] = useState<Loaded<T>>({ state: "loading" });
  const generation = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const reload = useCallback(() => {
    generation.current += 1;
    const mine = generation.current;
    setValue((v) => (v.state === "loaded" ? v : { state: "loading" }));
    void crm.attempt(() => loadRef.current()).then((result) => {
      if (mine !== generation.current) return;
      setValue(result.ok ? { state: "loaded", data: result.data } : { state: "error", failure: result.failure });
    });
  }, [crm]);
  useEffect(() => {
    setValue({ state: "loading" });
    reload();
  }, [key, reload]);
  const set = useCallback((data: T) => setValue({ state: "loaded", data }), []);
  return [value, reload, set];
}

/** A loading placeholder that screen readers announce. */
export function Loading(props: { testId?: string; label?: string }) {
  return (
    <p class="crm-status" role="status" aria-live="polite" data-testid={props.testId}>
      <span class="spinner" aria-hidden="true" /> {props.label ?? CRM_TEXT.loading}
    </p>
  );
}

/** An error state: what failed, the server's message, and a retry button. */
export function ErrorState(props: { title: string; message: string; onRetry?: () => void; testId?: string; children?: ComponentChildren }) {
  return (
    <div class="empty" role="alert" data-testid={props.testId}>
      <div class="empty__icon empty__icon--error" aria-hidden="true">
        !
      </div>
      <p class="empty__title">{props.title}</p>
      <p class="empty__hint" data-testid={props.testId ? `${props.testId}-message` : undefined}>
        {props.message}
      </p>
      {props.onRetry ? (
        <button type="button" class="button button--secondary empty__action" onClick={props.onRetry} data-testid={props.testId ? `${props.testId}-retry` : undefined}>
          {CRM_TEXT.retry}
        </button>
      ) : null}
      {props.children}
    </div>
  );
}

/** Tags as small pills (text only). */
export function TagPills(props: { tags: string[]; testId?: string }) {
  if (props.tags.length === 0) return null;
  return (
    <span class="pills" data-testid={props.testId}>
      {props.tags.map((t) => (
        <span class="pill" key={t}>
          {t}
        </span>
      ))}
    </span>
  );
}

/**
 * A modal dialog on the native <dialog> element: the browser traps focus inside and Escape closes it; focus returns
 * to what had it before.
 */
export function Dialog(props: { title: string; onClose: () => void; children: ComponentChildren; testId?: string; wide?: boolean }) {
  const ref = useRef<HTMLDialogElement>(null);
  const onClose = useRef(props.onClose);
  onClose.current = props.onClose;
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return undefined;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    const cancel = (event: Event): void => {
      event.preventDefault();
      onClose.current();
    };
    dialog.addEventListener("cancel", cancel);
    return () => {
      dialog.removeEventListener("cancel", cancel);
      if (dialog.open) dialog.close();
      before?.focus();
    };
  }, []);
  const titleId = `dialog-title-${props.testId ?? "x"}`;
  return (
    <dialog ref={ref} class={`dialog${props.wide ? " dialog--wide" : ""}`} aria-labelledby={titleId} data-testid={props.testId}>
      <div class="dialog__head">
        <h2 class="dialog__title" id={titleId}>
          {props.title}
        </h2>
        <button type="button" class="dialog__close" aria-label={CRM_TEXT.close} onClick={props.onClose}>
          ×
        </button>
      </div>
      {props.children}
    </dialog>
  );
}

/** A confirm dialog: what will happen, and a button that does it (danger-coloured when it cannot be undone). */
export function ConfirmDialog(props: {
  title: string;
  body: string;
  confirm: string;
  onConfirm: () => Promise<CrmFailure | null>;
  onClose: () => void;
  danger?: boolean;
  testId?: string;
  /** A word the user must type first (erase); matched case-sensitively against any of these. */
  typeToConfirm?: { label: string; accept: string[] };
}) {
  const [busy, setBusy] = useState(false);
  const [typed, setTyped] = useState("");
  const [failure, setFailure] = useState<CrmFailure | null>(null);
  const ready = !props.typeToConfirm || props.typeToConfirm.accept.some((word) => word.length > 0 && typed.trim() === word);
  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (!ready || busy) return;
    setBusy(true);
    const result = await props.onConfirm();
    setBusy(false);
    setFailure(result);
  };
  return (
    <Dialog title={props.title} onClose={props.onClose} testId={props.testId}>
      <form class="dialog__body" onSubmit={(e) => void submit(e)}>
        <p class="dialog__text">{props.body}</p>
        {props.typeToConfirm ? (
          <label class="field">
            <span class="field__label">{props.typeToConfirm.label}</span>
            <input class="input" value={typed} onInput={(e) => setTyped(e.currentTarget.value)} autoComplete="off" autoFocus data-testid="confirm-input" />
          </label>
        ) : null}
        {failure ? (
          <p class="field__error" role="alert" data-testid="confirm-error">
            {failure.message}
          </p>
        ) : null}
        <div class="dialog__actions">
          {/* Without a word to type, focus starts on Cancel: Enter right away must never destroy anything. */}
          <button type="button" class="button button--secondary" onClick={props.onClose} autoFocus={!props.typeToConfirm}>
            {CRM_TEXT.cancel}
          </button>
          <button type="submit" class={`button ${props.danger ? "button--danger" : "button--primary"}`} disabled={!ready || busy} data-testid="confirm-submit">
            {busy ? CRM_TEXT.saving : props.confirm}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
