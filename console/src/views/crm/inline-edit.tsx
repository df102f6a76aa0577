/** One profile field edited in place: its value with an Edit button; Enter saves, Escape cancels, errors show below. */
import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { CRM_TEXT, PROFILE_TEXT } from "../../crm-strings.ts";

/** What kind of input the field edits with. */
export type InlineInput =
  | { kind: "text" | "email" | "tel" | "number" | "date" }
  | { kind: "select"; options: { value: string; label: string }[] };

/** What a save answered: nothing (saved), or the message to show and something to offer (a merge link). */
export type InlineSaveResult = null | { message: string; extra?: ComponentChildren };

// Preact types each input type's attributes apart, so the type is spread from a narrowed literal.
function inputType(kind: Exclude<InlineInput["kind"], "select">): { type: "text" } | { type: "email" } | { type: "tel" } | { type: "number" } | { type: "date" } {
  switch (kind) {
    case "email":
      return { type: "email" };
    case "tel":
      return { type: "tel" };
    case "number":
      return { type: "number" };
    case "date":
      return { type: "date" };
    case "text":
      return { type: "text" };
  }
}

/** The field. */
export function InlineEdit(props: {
  label: string;
  display: string;
  initial: string;
  input: InlineInput;
  editable: boolean;
  onSave: (text: string) => Promise<InlineSaveResult>;
  testId: string;
  hint?: string;
  /** In a table cell: the label is for screen readers only and the value starts at the left. */
  compact?: boolean;
}) {
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(props.initial);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<InlineSaveResult>(null);
  const field = useRef<HTMLInputElement & HTMLSelectElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);
  useEffect(() => {
    if (editing) field.current?.focus();
    // Focus goes back to the Edit button, so keyboard users continue where they were.
    else if (wasEditing.current) editButton.current?.focus();
    wasEditing.current = editing;
  }, [editing]);
  const start = (): void => {
    setText(props.initial);
    setProblem(null);
    setEditing(true);
  };
  const save = async (): Promise<void> => {
    if (busy) return;
    if (text === props.initial) {
      setEditing(false);
      return;
    }
    setBusy(true);
    const result = await props.onSave(text);
    setBusy(false);
    setProblem(result);
    if (!result) setEditing(false);
  };
  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.key === "Enter") {
      event.preventDefault();
      void save();
    } else if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      setProblem(null);
      setEditing(false);
    }
  };
  const inputId = `edit-${props.testId}`;
  // A label and its value are a term and its description: alone in a table cell, the field is its own list.
  const Frame = props.compact ? "dl" : "div";
  return (
    <Frame class={props.compact ? "kv kv--edit kv--compact" : "kv kv--edit"} data-testid={props.testId}>
      <dt class={props.compact ? "kv__key visually-hidden" : "kv__key"}>{editing ? <label for={inputId}>{props.label}</label> : props.label}</dt>
      <dd class="kv__value">
        {editing ? (
          <span class="inline-edit">
            {props.input.kind === "select" ? (
              <select id={inputId} ref={field} class="select" value={text} onChange={(e) => setText(e.currentTarget.value)} onKeyDown={onKeyDown} data-testid={`${props.testId}-input`}>
                {props.input.options.map((o) => (
                  <option value={o.value} key={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            ) : (
              <input
                id={inputId}
                ref={field}
                class="input input--small"
                {...inputType(props.input.kind)}
                value={text}
                onInput={(e) => setText(e.currentTarget.value)}
                onKeyDown={onKeyDown}
                aria-invalid={problem ? true : undefined}
                data-testid={`${props.testId}-input`}
              />
            )}
            <button type="button" class="button button--primary button--small" disabled={busy} onClick={() => void save()} data-testid={`${props.testId}-save`}>
              {busy ? CRM_TEXT.saving : CRM_TEXT.save}
            </button>
            <button type="button" class="button button--secondary button--small" onClick={() => setEditing(false)}>
              {CRM_TEXT.cancel}
            </button>
          </span>
        ) : (
          <span class="inline-edit">
            <span class={props.display ? "inline-edit__value" : "inline-edit__value card__muted"} data-testid={`${props.testId}-value`}>
              {props.display || PROFILE_TEXT.empty}
            </span>
            {props.editable ? (
              <button type="button" ref={editButton} class="link inline-edit__button" onClick={start} aria-label={`${PROFILE_TEXT.editField} ${props.label}`} data-testid={`${props.testId}-edit`}>
                {PROFILE_TEXT.editField}
              </button>
            ) : null}
          </span>
        )}
        {editing && props.hint ? <span class="field__hint">{props.hint}</span> : null}
        {problem ? (
          <span class="field__error inline-edit__error" role="alert" data-testid={`${props.testId}-error`}>
            {problem.message} {problem.extra}
          </span>
        ) : null}
      </dd>
    </Frame>
  );
}
