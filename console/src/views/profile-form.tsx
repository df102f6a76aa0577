/** The profile card of the Profile and security page: name, avatar (image URL or initials colour), notification preferences. */
import { useEffect, useState } from "preact/hooks";
import { initialsOf, type NotificationPrefs, type ProfileDTO } from "../../../src/contracts/profile.ts";
import { ApiRequestError } from "../api/http.ts";
import { getProfile, saveProfile } from "../api/profile-endpoints.ts";
import { setNotifyPrefs } from "../controller/desktop-notify.ts";
import { PROFILE_TEXT } from "./profile-strings.ts";

type Load = { state: "loading" } | { state: "error"; message: string } | { state: "loaded"; profile: ProfileDTO };

function Avatar(props: { name: string; url: string; color: string }) {
  if (props.url) return <img class="profile__avatar" src={props.url} alt={PROFILE_TEXT.avatarAlt} referrerpolicy="no-referrer" data-testid="profile-avatar-image" />;
  return (
    <span class="profile__avatar profile__avatar--initials" style={{ background: props.color }} aria-hidden="true" data-testid="profile-avatar-initials">
      {initialsOf(props.name)}
    </span>
  );
}

function ProfileFields(props: { profile: ProfileDTO }) {
  const p = props.profile;
  const [name, setName] = useState(p.name);
  const [url, setUrl] = useState(p.avatarUrl ?? "");
  const [color, setColor] = useState(p.avatarColor ?? "#4f46e5");
  const [prefs, setPrefs] = useState<NotificationPrefs>(p.notificationPrefs);
  const [status, setStatus] = useState<{ kind: "idle" | "saving" | "saved" } | { kind: "error"; message: string }>({ kind: "idle" });
  const toggle = (key: keyof NotificationPrefs) => (e: Event) => setPrefs({ ...prefs, [key]: (e.currentTarget as HTMLInputElement).checked });
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    setStatus({ kind: "saving" });
    try {
      const saved = await saveProfile({ name, avatarUrl: url.trim() || null, avatarColor: color, notificationPrefs: prefs });
      // The top bar and the desktop notifications follow the saved preferences at once.
      setNotifyPrefs(saved.notificationPrefs);
      setStatus({ kind: "saved" });
    } catch (error) {
      const field = error instanceof ApiRequestError ? Object.values(error.fields ?? {})[0] : undefined;
      setStatus({ kind: "error", message: field ?? (error instanceof Error ? error.message : String(error)) });
    }
  };
  return (
    <form class="profile" onSubmit={(e) => void submit(e)} data-testid="profile-form">
      <Avatar name={name} url={url.trim()} color={color} />
      <div class="profile__fields">
        <label class="field">
          <span class="field__label">{PROFILE_TEXT.name}</span>
          <input class="input" required maxLength={200} value={name} onInput={(e) => setName(e.currentTarget.value)} data-testid="profile-name" />
        </label>
        <label class="field">
          <span class="field__label">{PROFILE_TEXT.avatarUrl}</span>
          <input class="input" type="url" placeholder="https://…" value={url} onInput={(e) => setUrl(e.currentTarget.value)} data-testid="profile-avatar-url" />
        </label>
        <label class="field field--narrow">
          <span class="field__label">{PROFILE_TEXT.initialsColor}</span>
          <input class="input" type="color" value={color} onInput={(e) => setColor(e.currentTarget.value)} data-testid="profile-color" />
        </label>
        <fieldset class="profile__prefs">
          <legend class="field__label">{PROFILE_TEXT.notifications}</legend>
          <label class="settings-check">
            <input type="checkbox" checked={prefs.assigned} onChange={toggle("assigned")} data-testid="profile-pref-assigned" /> {PROFILE_TEXT.assigned}
          </label>
          <label class="settings-check">
            <input type="checkbox" checked={prefs.mentions} onChange={toggle("mentions")} data-testid="profile-pref-mentions" /> {PROFILE_TEXT.mentions}
          </label>
          <label class="settings-check">
            <input type="checkbox" checked={prefs.sound} onChange={toggle("sound")} data-testid="profile-pref-sound" /> {PROFILE_TEXT.sound}
          </label>
        </fieldset>
        <div class="kb-editor__actions">
          <button type="submit" class="button button--primary" disabled={status.kind === "saving"} data-testid="profile-save">
            {status.kind === "saving" ? PROFILE_TEXT.saving : PROFILE_TEXT.save}
          </button>
          {status.kind === "saved" ? (
            <span role="status" data-testid="profile-saved">
              {PROFILE_TEXT.saved}
            </span>
          ) : null}
          {status.kind === "error" ? (
            <span class="field__error" role="alert" data-testid="profile-error">
              {status.message}
            </span>
          ) : null}
        </div>
      </div>
    </form>
  );
}

/** Loads the profile and shows its form, or the loading and error states. */
export function ProfileCard() {
  const [load, setLoad] = useState<Load>({ state: "loading" });
  const fetchProfile = (): void => {
    setLoad({ state: "loading" });
    getProfile().then(
      (profile) => setLoad({ state: "loaded", profile }),
      (error: unknown) => setLoad({ state: "error", message: error instanceof Error ? error.message : String(error) }),
    );
  };
  useEffect(fetchProfile, []);
  return (
    <section class="card" aria-label={PROFILE_TEXT.title} data-testid="profile-card">
      <h2 class="security__subtitle">{PROFILE_TEXT.title}</h2>
      {load.state === "loading" ? (
        <p class="crm-status" role="status">
          <span class="spinner" aria-hidden="true" /> {PROFILE_TEXT.loading}
        </p>
      ) : null}
      {load.state === "error" ? (
        <div class="empty" role="alert" data-testid="profile-load-error">
          <p class="empty__hint">{load.message}</p>
          <button type="button" class="button button--secondary" onClick={fetchProfile}>
            {PROFILE_TEXT.retry}
          </button>
        </div>
      ) : null}
      {load.state === "loaded" ? <ProfileFields profile={load.profile} /> : null}
    </section>
  );
}
