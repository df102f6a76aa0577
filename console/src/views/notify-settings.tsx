/** The top bar's notification settings: turn on desktop notifications (the browser asks on this click, never on load) and the sound (saved in the profile). */
import { useEffect, useRef, useState } from "preact/hooks";
import { AGENT_TOOLS_TEXT as T } from "../agent-tools-strings.ts";
import { askNotifyPermission, notifyPermission, notifyPrefs, onNotifyPrefs, saveSoundPref, type NotifyPermission } from "../controller/desktop-notify.ts";

const PERMISSION_TEXT: Record<Exclude<NotifyPermission, "default">, string> = {
  granted: T.notificationsOn,
  denied: T.notificationsBlocked,
  unsupported: T.notificationsUnsupported,
};

/** A button with a small popover; Escape or a click elsewhere closes it and the focus returns to the button. */
export function NotifySettings() {
  const [open, setOpen] = useState(false);
  const [permission, setPermission] = useState<NotifyPermission>(notifyPermission);
  const [sound, setSound] = useState(() => notifyPrefs().sound);
  const [saveError, setSaveError] = useState<string | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const popover = useRef<HTMLDivElement>(null);

  useEffect(() => onNotifyPrefs((prefs) => setSound(prefs.sound)), []);

  useEffect(() => {
    if (!open) return undefined;
    popover.current?.querySelector<HTMLElement>("button, input")?.focus();
    const onKey = (event: KeyboardEvent): void => {
      if (event.key !== "Escape") return;
      event.preventDefault();
      setOpen(false);
      button.current?.focus();
    };
    const onClick = (event: MouseEvent): void => {
      if (!popover.current?.contains(event.target as Node) && event.target !== button.current) setOpen(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("mousedown", onClick);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("mousedown", onClick);
    };
  }, [open]);

  return (
    <div class="notify">
      <button
        ref={button}
        type="button"
        class="button button--ghost-dark"
        aria-haspopup="true"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        data-testid="notify-open"
      >
        {T.notifications}
      </button>
      {open ? (
        <div class="notify__popover" ref={popover} role="group" aria-label={T.notifications} data-testid="notify-popover">
          {permission === "default" ? (
            <button type="button" class="button button--primary button--small" onClick={() => void askNotifyPermission().then(setPermission)} data-testid="notify-enable">
              {T.notificationsEnable}
            </button>
          ) : (
            <p class="notify__state" data-testid="notify-state">
              {PERMISSION_TEXT[permission]}
            </p>
          )}
          <label class="notify__sound">
            <input
              type="checkbox"
              checked={sound}
              onChange={(e) => {
                const on = e.currentTarget.checked;
                setSound(on);
                setSaveError(null);
                saveSoundPref(on).catch((error: unknown) => {
                  setSound(notifyPrefs().sound);
                  setSaveError(error instanceof Error ? error.message : String(error));
                });
              }}
              data-testid="notify-sound"
            />{" "}
            {T.sound}
          </label>
          {saveError ? (
            <p class="field__error" role="alert" data-testid="notify-sound-error">
              {saveError}
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
