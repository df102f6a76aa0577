/** A short confirmation at the bottom of the screen ("Customer erased."), announced politely and gone after a few seconds. */
import { useEffect, useRef } from "preact/hooks";
import { CRM_TEXT } from "../../crm-strings.ts";

/** How long a toast stays. */
const TOAST_MS = 5_000;

/** The toast, or nothing. */
export function Toast(props: { message: string | null; onDismiss: () => void }) {
  const { message, onDismiss } = props;
  const dismiss = useRef(onDismiss);
  dismiss.current = onDismiss;
  useEffect(() => {
    if (!message) return undefined;
    const timer = setTimeout(() => dismiss.current(), TOAST_MS);
    return () => clearTimeout(timer);
  }, [message]);
  return (
    <div class="toast-region" role="status" aria-live="polite">
      {message ? (
        <div class="toast" data-testid="toast">
          <span>{message}</span>
          <button type="button" class="toast__close" onClick={onDismiss} aria-label={CRM_TEXT.close}>
            ×
          </button>
        </div>
      ) : null}
    </div>
  );
}
