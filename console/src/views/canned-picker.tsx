/** The "/" canned-reply list above the reply box: filtered by what follows "/", arrow keys and Enter choose. */
import type { CannedReplyDTO } from "../../../src/contracts/helpdesk.ts";
import { HELPDESK_TEXT } from "../helpdesk-strings.ts";
import { truncate } from "../format.ts";

/** The replies whose shortcut or text contains the query (case-insensitive), suggested ones first as the server sent them. */
export function filterCanned(replies: readonly CannedReplyDTO[], queryText: string): CannedReplyDTO[] {
  const q = queryText.trim().toLowerCase();
  if (!q) return [...replies];
  return replies.filter((r) => r.shortcut.includes(q) || r.text.toLowerCase().includes(q));
}

/** The list; `active` is the highlighted index. */
export function CannedPicker(props: {
  replies: CannedReplyDTO[] | null;
  failed: boolean;
  active: number;
  onPick: (reply: CannedReplyDTO) => void;
}) {
  const { replies } = props;
  return (
    <div class="canned" role="listbox" aria-label={HELPDESK_TEXT.cannedTitle} data-testid="canned-picker">
      <div class="canned__head">
        <strong>{HELPDESK_TEXT.cannedTitle}</strong>
        <span class="canned__hint">{HELPDESK_TEXT.cannedHint}</span>
      </div>
      {props.failed ? <p class="canned__empty" role="alert">{HELPDESK_TEXT.cannedFailed}</p> : null}
      {!props.failed && replies === null ? <p class="canned__empty">{HELPDESK_TEXT.cannedLoading}</p> : null}
      {replies && replies.length === 0 ? <p class="canned__empty" data-testid="canned-empty">{HELPDESK_TEXT.cannedEmpty}</p> : null}
      {replies && replies.length > 0 ? (
        <ul class="canned__items">
          {replies.map((reply, i) => (
            <li
              key={reply.id}
              role="option"
              aria-selected={i === props.active}
              class={`canned__item${i === props.active ? " canned__item--active" : ""}`}
              onMouseDown={(e) => {
                // Keep the focus in the textarea.
                e.preventDefault();
                props.onPick(reply);
              }}
              data-testid="canned-item"
              data-shortcut={reply.shortcut}
            >
              <span class="canned__shortcut">/{reply.shortcut}</span>
              {reply.suggested ? <span class="tag tag--suggested">{HELPDESK_TEXT.cannedSuggested}</span> : null}
              <span class="canned__text">{truncate(reply.rendered ?? reply.text, 120)}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
