/** Pieces the settings tabs share: a remote list's loading, error and empty states. */
import type { ComponentChildren } from "preact";
import { SETTINGS_TEXT } from "./settings-strings.ts";
import type { Remote } from "./use-remote.ts";

/** Shows loading, the error with a retry, the empty message, or the children with the loaded list. */
export function RemoteBody<T>(props: { remote: Remote<T[]>; onRetry: () => void; empty: string; testId: string; children: (list: T[]) => ComponentChildren }) {
  const { remote } = props;
  if (remote.state === "loading") {
    return (
      <p class="crm-status" role="status" data-testid={`${props.testId}-loading`}>
        <span class="spinner" aria-hidden="true" /> {SETTINGS_TEXT.loading}
      </p>
    );
  }
  if (remote.state === "failed") {
    return (
      <div class="empty" role="alert" data-testid={`${props.testId}-error`}>
        <p class="empty__title">{SETTINGS_TEXT.failed}</p>
        <p class="empty__hint">{remote.message}</p>
        <button type="button" class="button button--secondary" onClick={props.onRetry}>
          {SETTINGS_TEXT.retry}
        </button>
      </div>
    );
  }
  if (remote.data.length === 0) {
    return (
      <p class="empty__hint" data-testid={`${props.testId}-empty`}>
        {props.empty}
      </p>
    );
  }
  return <>{props.children(remote.data)}</>;
}
