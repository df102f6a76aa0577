/** A customer's timeline, newest first, with "load more", links to conversations and tickets, and the team's notes. */
import { useEffect, useRef, useState } from "preact/hooks";
import type { UserDTO } from "../../../../src/contracts/api.ts";
import type { TimelineItemDTO, TimelineKind } from "../../../../src/contracts/crm.ts";
import * as crmApi from "../../api/crm-endpoints.ts";
import type { CrmOperations } from "../../controller/crm-operations.ts";
import { actorLabel, timelineKindLabel } from "../../crm-format.ts";
import { CRM_TEXT, TIMELINE_TEXT } from "../../crm-strings.ts";
import { formatDate, formatRelativeTime } from "../../format.ts";
import { EmptyState } from "../common.tsx";
import { ConfirmDialog, ErrorState, Loading } from "./ui.tsx";

type TimelineState = { items: TimelineItemDTO[]; nextCursor: string | null; status: "loading" | "more" | "loaded" | "error"; error: string | null };

// Drawn as SVG: the machines the console runs on may lack an emoji font.
const ICON_PATHS: Record<TimelineKind, string> = {
  conversation: "M4 5h16v10H9l-5 4z",
  ticket: "M4 7h16v3a2 2 0 0 0 0 4v3H4v-3a2 2 0 0 0 0-4z",
  order: "M3 4h2l2.2 10.5h10.6L20 7H6.2M9 19.5h.01M17 19.5h.01",
  note: "M6 3h9l4 4v14H6zM15 3v4h4M9 12h7M9 16h5",
  event: "M4 20l1-4L16 5l3 3L8 19z",
  deal: "M4 12l8-8 8 8-8 8zM12 8v8M9 11h6",
};

function TimelineIcon(props: { kind: TimelineKind }) {
  return (
    <span class="tl__icon" aria-hidden="true">
      <svg viewBox="0 0 24 24" width="16" height="16" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">
        <path d={ICON_PATHS[props.kind] ?? ICON_PATHS.event} />
      </svg>
    </span>
  );
}

function noteText(item: TimelineItemDTO): string {
  return typeof item.data.text === "string" ? item.data.text : item.summary;
}

/** The note composer: Ctrl+Enter (Cmd+Enter on a Mac) saves. */
export function NoteComposer(props: { initial?: string; label: string; submit: string; onSave: (text: string) => Promise<string | null>; onCancel?: () => void; testId: string }) {
  const [text, setText] = useState(props.initial ?? "");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const save = async (): Promise<void> => {
    if (busy || text.trim() === "") return;
    setBusy(true);
    const problem = await props.onSave(text.trim());
    setBusy(false);
    setError(problem);
    if (!problem && !props.initial) setText("");
  };
  return (
    <form
      class="note-composer"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      data-testid={props.testId}
    >
      <label class="visually-hidden" for={`${props.testId}-text`}>
        {props.label}
      </label>
      <textarea
        id={`${props.testId}-text`}
        class="composer__input note-composer__input"
        placeholder={TIMELINE_TEXT.notePlaceholder}
        value={text}
        rows={3}
        autoFocus={props.initial !== undefined}
        onInput={(e) => setText(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void save();
          } else if (e.key === "Escape" && props.onCancel) {
            e.preventDefault();
            props.onCancel();
          }
        }}
        data-testid={`${props.testId}-input`}
      />
      <div class="composer__bar">
        {error ? (
          <span class="field__error note-composer__error" role="alert">
            {error}
          </span>
        ) : null}
        {props.onCancel ? (
          <button type="button" class="button button--secondary button--small" onClick={props.onCancel}>
            {CRM_TEXT.cancel}
          </button>
        ) : null}
        <button type="submit" class="button button--primary button--small" disabled={busy || text.trim() === ""} data-testid={`${props.testId}-save`}>
          {busy ? TIMELINE_TEXT.adding : props.submit}
        </button>
      </div>
    </form>
  );
}

function Entry(props: { item: TimelineItemDTO; mine: boolean; crm: CrmOperations; customerId: string; onChanged: () => void }) {
  const { item, crm } = props;
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const noteId = item.link.noteId;
  return (
    <li class={`tl tl--${item.kind}`} data-testid="timeline-item" data-kind={item.kind} data-type={item.type}>
      <TimelineIcon kind={item.kind} />
      <div class="tl__body">
        <div class="tl__head">
          <span class="tl__kind">{timelineKindLabel(item.kind)}</span>
          <span class="tl__who">
            {TIMELINE_TEXT.by} {actorLabel(item.actor)}
          </span>
          <time class="tl__time" dateTime={item.at} title={formatDate(item.at)}>
            {formatRelativeTime(item.at)}
          </time>
        </div>
        {editing && noteId ? (
          <NoteComposer
            initial={noteText(item)}
            label={TIMELINE_TEXT.editNote}
            submit={CRM_TEXT.save}
            testId="note-edit"
            onCancel={() => setEditing(false)}
            onSave={async (text) => {
              const result = await crm.attempt(() => crmApi.editNote(props.customerId, noteId, text));
              if (!result.ok) return result.failure.message;
              setEditing(false);
              props.onChanged();
              return null;
            }}
          />
        ) : (
          <p class={item.kind === "note" ? "tl__text tl__text--note" : "tl__text"} data-testid="timeline-text">
            {item.kind === "note" ? noteText(item) : item.summary}
          </p>
        )}
        <div class="tl__links">
          {item.link.conversationId ? (
            <a
              class="crm-link"
              href={`/console/conversations/${encodeURIComponent(item.link.conversationId)}`}
              onClick={(e) => {
                e.preventDefault();
                void crm.openConversation(item.link.conversationId ?? "");
              }}
            >
              {TIMELINE_TEXT.openConversation}
            </a>
          ) : item.link.ticketId ? (
            <button type="button" class="link" onClick={() => void crm.openTicket(item.link.ticketId ?? "")}>
              {TIMELINE_TEXT.openTicket}
            </button>
          ) : null}
          {props.mine && noteId && !editing ? (
            <>
              <button type="button" class="link" onClick={() => setEditing(true)} data-testid="note-edit-button">
                {TIMELINE_TEXT.editNote}
              </button>
              <button type="button" class="link link--danger" onClick={() => setDeleting(true)} data-testid="note-delete">
                {TIMELINE_TEXT.deleteNote}
              </button>
            </>
          ) : null}
        </div>
        {deleting && noteId ? (
          <ConfirmDialog
            title={TIMELINE_TEXT.deleteConfirm}
            body={noteText(item)}
            confirm={TIMELINE_TEXT.deleteNote}
            danger
            testId="note-delete-dialog"
            onClose={() => setDeleting(false)}
            onConfirm={async () => {
              const result = await crm.attempt(() => crmApi.deleteNote(props.customerId, noteId));
              if (!result.ok) return result.failure;
              setDeleting(false);
              props.onChanged();
              return null;
            }}
          />
        ) : null}
      </div>
    </li>
  );
}

/** The timeline card; `version` changes when the profile changed, so the timeline reloads its first page. */
export function Timeline(props: { crm: CrmOperations; customerId: string; user: UserDTO; version: number; canNote: boolean }) {
  const { crm, customerId } = props;
  const [state, setState] = useState<TimelineState>({ items: [], nextCursor: null, status: "loading", error: null });
  const generation = useRef(0);
  const sentinel = useRef<HTMLDivElement>(null);
  const load = async (cursor: string | null): Promise<void> => {
    const mine = cursor ? generation.current : ++generation.current;
    setState((s) => ({ ...s, status: cursor ? "more" : s.items.length > 0 ? s.status : "loading", error: null }));
    const result = await crm.attempt(() => crmApi.getTimeline(customerId, cursor));
    if (mine !== generation.current) return;
    if (!result.ok) {
      setState((s) => ({ ...s, status: "error", error: result.failure.message }));
      return;
    }
    setState((s) => ({ items: cursor ? [...s.items, ...result.data.data.filter((i) => !s.items.some((o) => o.id === i.id))] : result.data.data, nextCursor: result.data.nextCursor, status: "loaded", error: null }));
  };
  const reload = (): void => void load(null);
  useEffect(reload, [customerId, props.version]);
  // Scrolling to the end loads the next page, as "load more" does.
  useEffect(() => {
    const el = sentinel.current;
    if (!el || !state.nextCursor || state.status !== "loaded" || typeof IntersectionObserver === "undefined") return undefined;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) void load(state.nextCursor);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [state.nextCursor, state.status]);

  let body;
  if (state.status === "loading") body = <Loading testId="timeline-loading" />;
  else if (state.status === "error" && state.items.length === 0) body = <ErrorState title={TIMELINE_TEXT.failed} message={state.error ?? ""} onRetry={reload} testId="timeline-error" />;
  else if (state.items.length === 0) body = <EmptyState title={TIMELINE_TEXT.empty} hint={TIMELINE_TEXT.emptyHint} testId="timeline-empty" />;
  else {
    body = (
      <ol class="timeline" data-testid="timeline-items">
        {state.items.map((item) => (
          <Entry key={item.id} item={item} crm={crm} customerId={customerId} onChanged={reload} mine={item.kind === "note" && item.actor?.type === "user" && item.actor.id === props.user.id} />
        ))}
      </ol>
    );
  }
  return (
    <section class="card timeline-card" aria-labelledby="timeline-title" aria-busy={state.status === "loading" || state.status === "more"} data-testid="timeline" data-state={state.status}>
      <h2 class="card__title" id="timeline-title">
        {TIMELINE_TEXT.title}
      </h2>
      {props.canNote ? (
        <NoteComposer
          label={TIMELINE_TEXT.note}
          submit={TIMELINE_TEXT.addNote}
          testId="note-composer"
          onSave={async (text) => {
            const result = await crm.attempt(() => crmApi.addNote(customerId, text));
            if (!result.ok) return result.failure.message;
            reload();
            return null;
          }}
        />
      ) : null}
      {body}
      {state.status === "error" && state.items.length > 0 ? (
        <p class="field__error" role="alert">
          {state.error}
        </p>
      ) : null}
      {state.nextCursor && state.items.length > 0 ? (
        <div ref={sentinel} class="timeline__more">
          <button type="button" class="button button--secondary button--block" disabled={state.status === "more"} onClick={() => void load(state.nextCursor)} data-testid="timeline-more">
            {state.status === "more" ? CRM_TEXT.loadingMore : CRM_TEXT.loadMore}
          </button>
        </div>
      ) : null}
    </section>
  );
}
