/** The sign-in screen: email and password, the server's error on failure. */
import { useState } from "preact/hooks";
import { LOGIN_TEXT, PRODUCT_NAME } from "../strings.ts";

/** Sign-in form; `onLogin` resolves to an error message, or null when signed in. */
export function LoginView(props: { onLogin: (email: string, password: string) => Promise<string | null> }) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (submitting) return;
    setSubmitting(true);
    setError(null);
    const failure = await props.onLogin(email.trim(), password);
    // On success this view is gone; only a failure needs the form back.
    if (failure) {
      setError(failure);
      setSubmitting(false);
    }
  };

  return (
    <main class="login">
      <form class="login__card" onSubmit={(e) => void submit(e)} data-testid="login-form">
        <div class="login__brand">
          <span class="logo" aria-hidden="true">S</span>
          <span>{PRODUCT_NAME}</span>
        </div>
        <h1 class="login__title">{LOGIN_TEXT.title}</h1>
        <p class="login__subtitle">{LOGIN_TEXT.subtitle}</p>
        {error ? (
          <div class="banner banner--error" role="alert" data-testid="login-error">
            <span class="banner__text">{error}</span>
          </div>
        ) : null}
        <label class="field">
          <span class="field__label">{LOGIN_TEXT.email}</span>
          <input
            class="input"
            type="email"
            autocomplete="username"
            required
            value={email}
            onInput={(e) => setEmail(e.currentTarget.value)}
            data-testid="login-email"
          />
        </label>
        <label class="field">
          <span class="field__label">{LOGIN_TEXT.password}</span>
          <input
            class="input"
            type="password"
            autocomplete="current-password"
            required
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
            data-testid="login-password"
          />
        </label>
        <button class="button button--primary button--block" type="submit" disabled={submitting} data-testid="login-submit">
          {submitting ? LOGIN_TEXT.submitting : LOGIN_TEXT.submit}
        </button>
      </form>
    </main>
  );
}
