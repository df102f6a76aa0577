/**
 * Settings → Inboxes → Widget look (a web inbox): colour with its contrast, title, greeting, launcher corner, avatar and
 * reply-time line, a live preview that follows every keystroke, Save, and the embed snippet to copy.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import type { InboxDTO } from "../../../../src/contracts/channels.ts";
import {
  LAUNCHER_POSITIONS,
  MIN_TEXT_CONTRAST,
  REPLY_TIMES,
  TEXT_ON_ACCENT,
  WIDGET_LOOK_LIMITS,
  isHexColor,
  textOn,
  type ReplyTime,
  type WidgetLook,
} from "../../../../src/contracts/widget-look.ts";
import * as lookApi from "../../api/widget-look-endpoints.ts";
import type { CrmFailure, CrmOperations } from "../../controller/crm-operations.ts";
import { ErrorState, Loading, useLoad } from "../crm/ui.tsx";
import { WidgetPreview } from "./widget-preview.tsx";
import { WIDGET_LOOK_TEXT as T } from "./widget-look-strings.ts";
import "./widget-look.css";

/** The `<script>` tag a site pastes to show this inbox's widget. */
export function embedSnippet(origin: string, inboxId: string): string {
  const attr = (value: string): string => value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
  return `<script src="${attr(origin)}/widget.js" data-inbox="${attr(inboxId)}" async></script>`;
}

function Contrast(props: { color: string }) {
  if (!isHexColor(props.color)) {
    return (
      <span class="wl-contrast wl-contrast--bad" data-testid="widget-look-contrast" data-state="invalid">
        {T.invalidColor}
      </span>
    );
  }
  const { text, contrast } = textOn(props.color);
  const ratio = contrast.toFixed(1);
  const ok = contrast >= MIN_TEXT_CONTRAST;
  return (
    <span class={`wl-contrast ${ok ? "wl-contrast--ok" : "wl-contrast--bad"}`} data-testid="widget-look-contrast" data-state={ok ? "ok" : "low"}>
      {ok ? T.contrastOk(ratio, text === TEXT_ON_ACCENT.light ? T.white : T.dark) : T.contrastLow(ratio, MIN_TEXT_CONTRAST)}
    </span>
  );
}

function Snippet(props: { inboxId: string }) {
  const [copied, setCopied] = useState(false);
  const code = useRef<HTMLElement>(null);
  const snippet = embedSnippet(location.origin, props.inboxId);
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(snippet);
      setCopied(true);
    } catch {
      // Without clipboard access (plain HTTP), the snippet is selected for the admin to copy.
      if (code.current) getSelection()?.selectAllChildren(code.current);
    }
  };
  return (
    <div class="field">
      <span class="field__label">{T.embed}</span>
      <span class="inbox-hint">{T.embedHint}</span>
      <code class="code wl-snippet" ref={code} data-testid="widget-embed-snippet">
        {snippet}
      </code>
      <span>
        <button type="button" class="button button--secondary" onClick={() => void copy()} data-testid="widget-embed-copy">
          {copied ? T.copied : T.copy}
        </button>
      </span>
    </div>
  );
}

function TextField(props: { id: keyof WidgetLook; label: string; hint?: string; value: string; max: number; error?: string; multiline?: boolean; onInput: (v: string) => void }) {
  const inputId = `widget-look-${props.id}`;
  const common = {
    id: inputId,
    class: "input",
    maxLength: props.max,
    value: props.value,
    "aria-invalid": props.error ? ("true" as const) : undefined,
    "aria-describedby": props.hint ? `${inputId}-hint` : undefined,
    "data-testid": inputId,
  };
  return (
    <div class="field">
      <label class="field__label" for={inputId}>
        {props.label}
      </label>
      {props.multiline ? <textarea {...common} rows={2} onInput={(e) => props.onInput(e.currentTarget.value)} /> : <input {...common} onInput={(e) => props.onInput(e.currentTarget.value)} />}
      {props.hint ? (
        <span class="inbox-hint" id={`${inputId}-hint`}>
          {props.hint}
        </span>
      ) : null}
      {props.error ? <span class="field__error">{props.error}</span> : null}
    </div>
  );
}

function LookForm(props: { crm: CrmOperations; inbox: InboxDTO; saved: WidgetLook; onSaved: (look: WidgetLook) => void }) {
  const [look, setLook] = useState<WidgetLook>(props.saved);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<CrmFailure | null>(null);
  useEffect(() => setLook(props.saved), [props.saved]);
  const set = (patch: Partial<WidgetLook>): void => setLook((l) => ({ ...l, ...patch }));
  const err = (field: string): string | undefined => failure?.fields?.[field];
  const changed = JSON.stringify(look) !== JSON.stringify(props.saved);
  const save = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    const body: WidgetLook = { ...look, avatarUrl: look.avatarUrl?.trim() || null, avatarInitials: look.avatarInitials?.trim() || null };
    const result = await props.crm.attempt(() => lookApi.saveWidgetLook(props.inbox.id, body));
    setBusy(false);
    if (!result.ok) return setFailure(result.failure);
    setFailure(null);
    props.crm.toast(T.saved);
    props.onSaved(result.data);
  };
  return (
    <div class="wl-grid">
      <form onSubmit={(e) => void save(e)} data-testid="widget-look-form" aria-label={T.openFor(props.inbox.name)}>
        {failure ? (
          <p class="field__error" role="alert" data-testid="widget-look-error">
            {failure.message}
          </p>
        ) : null}
        <div class="field">
          <label class="field__label" for="widget-look-color">
            {T.color}
          </label>
          <span class="wl-color">
            <input type="color" aria-label={T.color} value={isHexColor(look.color) ? look.color : "#000000"} onInput={(e) => set({ color: e.currentTarget.value })} data-testid="widget-look-color-picker" />
            <input id="widget-look-color" class="input" maxLength={7} value={look.color} onInput={(e) => set({ color: e.currentTarget.value.trim() })} aria-describedby="widget-look-color-hint" aria-invalid={err("color") ? "true" : undefined} data-testid="widget-look-color" />
          </span>
          <span class="inbox-hint" id="widget-look-color-hint">
            {T.colorHint}
          </span>
          <Contrast color={look.color} />
          {err("color") ? <span class="field__error">{err("color")}</span> : null}
        </div>
        <TextField id="title" label={T.widgetTitle} value={look.title} max={WIDGET_LOOK_LIMITS.title} error={err("title")} onInput={(title) => set({ title })} />
        <TextField id="greeting" label={T.greeting} hint={T.greetingHint} value={look.greeting} max={WIDGET_LOOK_LIMITS.greeting} error={err("greeting")} multiline onInput={(greeting) => set({ greeting })} />
        <fieldset class="field">
          <legend class="field__label">{T.position}</legend>
          <span class="wl-radios">
            {LAUNCHER_POSITIONS.map((p) => (
              <label key={p}>
                <input type="radio" name="widget-look-position" value={p} checked={look.position === p} onChange={() => set({ position: p })} data-testid={`widget-look-position-${p}`} />
                {T.positions[p]}
              </label>
            ))}
          </span>
        </fieldset>
        <div class="field">
          <label class="field__label" for="widget-look-replyTime">
            {T.replyTime}
          </label>
          <select id="widget-look-replyTime" class="input" value={look.replyTime} onChange={(e) => set({ replyTime: e.currentTarget.value as ReplyTime })} data-testid="widget-look-replyTime">
            {REPLY_TIMES.map((r) => (
              <option key={r} value={r}>
                {T.replyTimes[r]}
              </option>
            ))}
          </select>
        </div>
        <TextField id="avatarUrl" label={T.avatarUrl} hint={T.avatarUrlHint} value={look.avatarUrl ?? ""} max={WIDGET_LOOK_LIMITS.avatarUrl} error={err("avatarUrl")} onInput={(v) => set({ avatarUrl: v || null })} />
        <TextField id="avatarInitials" label={T.avatarInitials} hint={T.avatarInitialsHint} value={look.avatarInitials ?? ""} max={WIDGET_LOOK_LIMITS.avatarInitials} error={err("avatarInitials")} onInput={(v) => set({ avatarInitials: v || null })} />
        <div class="wl-actions">
          <button type="submit" class="button button--primary" disabled={busy || !changed} data-testid="widget-look-save">
            {busy ? T.saving : T.save}
          </button>
          <button type="button" class="button button--secondary" disabled={busy || !changed} onClick={() => setLook(props.saved)} data-testid="widget-look-reset">
            {T.reset}
          </button>
        </div>
        <Snippet inboxId={props.inbox.id} />
      </form>
      <div>
        <p class="field__label">{T.preview}</p>
        <WidgetPreview look={look} />
      </div>
    </div>
  );
}

/** The section for one web inbox, below the inbox list; focus moves to its heading when it opens. */
export function WidgetLookSection(props: { crm: CrmOperations; inbox: InboxDTO; onClose: () => void }) {
  const { crm, inbox } = props;
  const [look, reload, setLook] = useLoad(crm, `widget-look:${inbox.id}`, () => lookApi.getWidgetLook(inbox.id));
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [inbox.id]);
  let body;
  if (look.state === "loading") body = <Loading testId="widget-look-loading" label={T.loading} />;
  else if (look.state === "error") body = <ErrorState title={T.failed} message={look.failure.message} onRetry={reload} testId="widget-look-failed" />;
  else body = <LookForm crm={crm} inbox={inbox} saved={look.data} onSaved={setLook} />;
  return (
    <section class="card reports__card wl-section" aria-labelledby="widget-look-heading" data-testid="widget-look-section" data-state={look.state}>
      <div class="wl-section__head">
        <div>
          <h2 class="wl-section__title" id="widget-look-heading" tabIndex={-1} ref={heading}>
            {T.title(inbox.name)}
          </h2>
          <p class="inbox-hint">{T.intro}</p>
        </div>
        <button type="button" class="button button--secondary" onClick={props.onClose} data-testid="widget-look-close">
          {T.close}
        </button>
      </div>
      {body}
    </section>
  );
}
