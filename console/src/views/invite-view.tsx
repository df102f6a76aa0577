/** The page of an emailed invite link (/console/invite/:token): the invited user chooses their password and lands in the console. */
import { useState } from "preact/hooks";
import { MIN_PASSWORD_LENGTH } from "../../../src/contracts/api.ts";
import { acceptInvite } from "../api/endpoints.ts";
import { ERROR_TEXT, INVITE_TEXT, PRODUCT_NAME } from "../strings.ts";

const INVITE_PREFIX = "/console/invite/";

/** The token of an invite link in the address bar, or null when this is not one ("" when the token is missing). */
export function inviteToken(pathname: string): string | null {
  if (!pathname.startsWith(INVITE_PREFIX)) return null;
  return decodeURIComponent(pathname.slice(INVITE_PREFIX.length).replace(/\/+$/, ""));
}

/** "Set your password": calls POST /api/v1/auth/invite, then opens the console (the session cookie is set). */
export function InviteView(props: { token: string }) {
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(props.token ? null : INVITE_TEXT.missing);
  const [gone, setGone] = useState(!props.token);

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (submitting || gone) return;
    if (password !== confirm) {
      setError(INVITE_TEXT.mismatch);
      return;
    }
    setSubmitting(true);
    setError(null);
    try {
      await acceptInvite(props.token, password);
      location.replace("/console/");
    } catch (failure) {
      const { code } = failure as { code?: string };
      // A used, unknown or expired link stays so: the form goes, the way to sign in stays.
      if (code === "INVITE_INVALID") setGone(true);
      setError(failure instanceof Error && failure.message ? failure.message : ERROR_TEXT.unexpected);
      setSubmitting(false);
    }
  };

  return (
    <main class="login">
      <form class="login__card" onSubmit={(e) => void submit(e)} data-testid="invite-form" aria-busy={submitting}>
        <div class="login__brand">
          <span class="logo" aria-hidden="true">S</span>
          <span>{PRODUCT_NAME}</span>
        </div>
        <h1 class="login__title">{INVITE_TEXT.title}</h1>
        <p class="login__subtitle">{INVITE_TEXT.subtitle}</p>
        {error ? (
          <div class="banner banner--error" role="alert" data-testid="invite-error">
            <span class="banner__text">{error}</span>
          </div>
        ) : null}
        {gone ? (
          <a class="button button--primary button--block" href="/console/" data-testid="invite-sign-in">
            {INVITE_TEXT.signIn}
          </a>
        ) : (
          <>
            <label class="field">
              <span class="field__label">{INVITE_TEXT.password}</span>
              <input
                class="input"
                type="password"
                autocomplete="new-password"
                required
                minLength={MIN_PASSWORD_LENGTH}
                autoFocus
                value={password}
                onInput={(e) => setPassword(e.currentTarget.value)}
                data-testid="invite-password"
              />
            </label>
            <label class="field">
              <span class="field__label">{INVITE_TEXT.confirm}</span>
              <input
                class="input"
                type="password"
                autocomplete="new-password"
                required
                minLength={MIN_PASSWORD_LENGTH}
                value={confirm}
                onInput={(e) => setConfirm(e.currentTarget.value)}
                data-testid="invite-confirm"
              />
            </label>
            <button class="button button--primary button--block" type="submit" disabled={submitting} data-testid="invite-submit">
              {submitting ? INVITE_TEXT.submitting : INVITE_TEXT.submit}
            </button>
          </>
        )}
      </form>
    </main>
  );
}
