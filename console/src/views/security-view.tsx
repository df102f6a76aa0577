/** The sessions and password page: where the user is signed in (end any session, or all), and a password change. */
import { useEffect, useRef, useState } from "preact/hooks";
import { MIN_PASSWORD_LENGTH, type SessionDTO } from "../../../src/contracts/api.ts";
import type { SecurityFailure, SecurityOperations } from "../controller/security-operations.ts";
import { formatDate, formatRelativeTime } from "../format.ts";
import { SECURITY_TEXT } from "../strings.ts";
import { EmptyState } from "./common.tsx";
import { ProfileCard } from "./profile-form.tsx";
import "./settings/kb.css";

type ListState = { state: "loading" } | { state: "error"; message: string } | { state: "loaded"; sessions: SessionDTO[] };

function isFailure(value: SessionDTO[] | SecurityFailure): value is SecurityFailure {
  return !Array.isArray(value);
}

function SessionRow(props: { session: SessionDTO; onEnd: (id: string) => Promise<void> }) {
  const { session } = props;
  const [ending, setEnding] = useState(false);
  return (
    <li class="session" data-testid="session-row" data-current={session.current ? "true" : "false"}>
      <div class="session__main">
        <span class="session__agent">{session.userAgent ?? SECURITY_TEXT.unknownBrowser}</span>
        <span class="session__meta">
          {session.ip ?? SECURITY_TEXT.unknownIp} · {SECURITY_TEXT.signedIn} {formatDate(session.createdAt)}, {SECURITY_TEXT.lastUsed}{" "}
          {formatRelativeTime(session.lastUsedAt)}
        </span>
      </div>
      {session.current ? (
        <span class="badge badge--ticket-open">{SECURITY_TEXT.current}</span>
      ) : (
        <button
          type="button"
          class="button button--secondary"
          disabled={ending}
          onClick={() => {
            setEnding(true);
            void props.onEnd(session.id).finally(() => setEnding(false));
          }}
          data-testid="session-end"
        >
          {ending ? SECURITY_TEXT.ending : SECURITY_TEXT.end}
        </button>
      )}
    </li>
  );
}

function SessionList(props: { ops: SecurityOperations }) {
  const { ops } = props;
  const [list, setList] = useState<ListState>({ state: "loading" });
  const load = async (): Promise<void> => {
    setList({ state: "loading" });
    const result = await ops.listSessions();
    setList(isFailure(result) ? { state: "error", message: result.message } : { state: "loaded", sessions: result });
  };
  useEffect(() => {
    void load();
    // Loads once per visit: the page is mounted afresh on each visit.
  }, []);
  const end = async (id: string): Promise<void> => {
    const failure = await ops.endSession(id);
    if (failure) setList({ state: "error", message: failure.message });
    else await load();
  };
  if (list.state === "loading") return <p class="security__status" data-testid="sessions-loading">{SECURITY_TEXT.loading}</p>;
  if (list.state === "error") {
    return (
      <div class="empty" role="alert" data-testid="sessions-error">
        <p class="empty__title">{SECURITY_TEXT.failed}</p>
        <p class="empty__hint">{list.message}</p>
        <button type="button" class="button button--secondary empty__action" onClick={() => void load()} data-testid="sessions-retry">
          {SECURITY_TEXT.retry}
        </button>
      </div>
    );
  }
  return (
    <>
      <ul class="sessions" data-testid="sessions-list">
        {list.sessions.map((s) => (
          <SessionRow key={s.id} session={s} onEnd={end} />
        ))}
      </ul>
      {list.sessions.every((s) => s.current) ? <EmptyState title={SECURITY_TEXT.empty} hint={SECURITY_TEXT.emptyHint} testId="sessions-empty" /> : null}
    </>
  );
}

function PasswordForm(props: { ops: SecurityOperations }) {
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<SecurityFailure | null>(null);
  const [saved, setSaved] = useState(false);
  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (saving) return;
    setSaving(true);
    setSaved(false);
    const result = await props.ops.changePassword(current, next);
    setSaving(false);
    setFailure(result);
    if (!result) {
      setSaved(true);
      setCurrent("");
      setNext("");
    }
  };
  const fieldError = (name: string) => failure?.fields?.[name];
  return (
    <form class="security__form" onSubmit={(e) => void submit(e)} data-testid="password-form">
      {failure && !failure.fields ? (
        <div class="banner banner--error" role="alert" data-testid="password-error">
          <span class="banner__text">{failure.message}</span>
        </div>
      ) : null}
      {saved ? (
        <p class="security__saved" role="status" data-testid="password-saved">
          {SECURITY_TEXT.saved}
        </p>
      ) : null}
      <label class="field">
        <span class="field__label">{SECURITY_TEXT.currentPassword}</span>
        <input class="input" type="password" autocomplete="current-password" required value={current} onInput={(e) => setCurrent(e.currentTarget.value)} data-testid="password-current" />
        {fieldError("currentPassword") ? <span class="field__error" data-testid="password-current-error">{fieldError("currentPassword")}</span> : null}
      </label>
      <label class="field">
        <span class="field__label">{SECURITY_TEXT.newPassword}</span>
        <input
          class="input"
          type="password"
          autocomplete="new-password"
          required
          minLength={MIN_PASSWORD_LENGTH}
          value={next}
          onInput={(e) => setNext(e.currentTarget.value)}
          data-testid="password-new"
        />
        <span class="field__hint">{SECURITY_TEXT.newPasswordHint.replace("{n}", String(MIN_PASSWORD_LENGTH))}</span>
        {fieldError("newPassword") ? <span class="field__error" data-testid="password-new-error">{fieldError("newPassword")}</span> : null}
      </label>
      <button class="button button--primary" type="submit" disabled={saving} data-testid="password-submit">
        {saving ? SECURITY_TEXT.saving : SECURITY_TEXT.save}
      </button>
    </form>
  );
}

/** The page, with a way back to the inbox. */
export function SecurityView(props: { ops: SecurityOperations; onBack: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  return (
    <main class="reports" data-testid="security-view">
      <div class="reports__inner security">
        <button type="button" class="link reports__back" onClick={props.onBack} data-testid="security-back">
          <span aria-hidden="true">←</span> {SECURITY_TEXT.back}
        </button>
        <h1 class="reports__title" tabIndex={-1} ref={heading}>
          {SECURITY_TEXT.title}
        </h1>
        <ProfileCard />
        <section class="card" aria-label={SECURITY_TEXT.sessions}>
          <div class="security__head">
            <h2 class="security__subtitle">{SECURITY_TEXT.sessions}</h2>
            <button type="button" class="button button--secondary" title={SECURITY_TEXT.everywhereHint} onClick={() => void props.ops.logoutEverywhere()} data-testid="logout-everywhere">
              {SECURITY_TEXT.everywhere}
            </button>
          </div>
          <SessionList ops={props.ops} />
        </section>
        <section class="card" aria-label={SECURITY_TEXT.password}>
          <h2 class="security__subtitle">{SECURITY_TEXT.password}</h2>
          <PasswordForm ops={props.ops} />
        </section>
      </div>
    </main>
  );
}
