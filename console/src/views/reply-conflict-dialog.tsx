/** Asks before sending over a colleague's newer reply (REPLY_CONFLICT): "Sam replied while you were typing — send anyway?". */
import { AGENT_TOOLS_TEXT as T } from "../agent-tools-strings.ts";
import type { ReplyConflict } from "../store/types.ts";
import { Dialog } from "./crm/ui.tsx";

/** The question; "Don't send" (or Escape) keeps the reply as a failed message to retry or discard. */
export function ReplyConflictDialog(props: { conflict: ReplyConflict; onAnswer: (sendAnyway: boolean) => void }) {
  const { conflict } = props;
  return (
    <Dialog title={T.conflictTitle} onClose={() => props.onAnswer(false)} testId="reply-conflict">
      <div class="dialog__body">
        <p class="dialog__text" data-testid="reply-conflict-text">
          {conflict.by || T.conflictTitle} {T.conflictQuestion}
        </p>
        <blockquote class="conflict__quote">{conflict.text}</blockquote>
        <div class="dialog__actions">
          <button type="button" class="button button--secondary" onClick={() => props.onAnswer(false)} data-testid="reply-conflict-cancel">
            {T.keepEditing}
          </button>
          <button type="button" class="button button--primary" onClick={() => props.onAnswer(true)} autoFocus data-testid="reply-conflict-send">
            {T.sendAnyway}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
