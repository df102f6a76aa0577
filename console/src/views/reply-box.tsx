/** The reply composer: Enter sends, Shift+Enter adds a line, a character budget of MAX_REPLY_LENGTH. */
import { useEffect, useRef, useState } from "preact/hooks";
import { MAX_MESSAGE_LENGTH as MAX_REPLY_LENGTH } from "../../../src/contracts/messages.ts";
import { CONVERSATION_TEXT } from "../strings.ts";

/** How close to the limit the remaining-characters counter appears. */
const COUNTER_FROM = 500;

/** Textarea and send button for agent replies; keeps a draft per conversation while the view is open. */
export function ReplyBox(props: {
  conversationId: string;
  disabled: boolean;
  onSend: (text: string) => void;
  onTyping: () => void;
}) {
  const drafts = useRef(new Map<string, string>());
  const [text, setText] = useState("");
  const input = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    setText(drafts.current.get(props.conversationId) ?? "");
    input.current?.focus();
  }, [props.conversationId]);

  const left = MAX_REPLY_LENGTH - text.length;
  const tooLong = left < 0;
  const canSend = !props.disabled && text.trim().length > 0 && !tooLong;

  const update = (value: string): void => {
    setText(value);
    drafts.current.set(props.conversationId, value);
    if (value.length > 0) props.onTyping();
  };

  const send = (): void => {
    if (!canSend) return;
    props.onSend(text);
    update("");
    drafts.current.delete(props.conversationId);
    input.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent): void => {
    // Enter sends; Shift+Enter, and Enter while an IME is composing, insert a newline as usual.
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      send();
    }
  };

  return (
    <form
      class={`composer${tooLong ? " composer--invalid" : ""}`}
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <textarea
        ref={input}
        class="composer__input"
        rows={3}
        placeholder={CONVERSATION_TEXT.replyPlaceholder}
        value={text}
        disabled={props.disabled}
        onInput={(e) => update(e.currentTarget.value)}
        onKeyDown={onKeyDown}
        aria-invalid={tooLong}
        data-testid="reply-input"
      />
      <div class="composer__bar">
        <span class={`composer__count${tooLong ? " composer__count--over" : ""}`} data-testid="reply-count">
          {left <= COUNTER_FROM ? (tooLong ? `${CONVERSATION_TEXT.overLimit} ${-left}` : `${left} ${CONVERSATION_TEXT.charactersLeft}`) : ""}
        </span>
        <button type="submit" class="button button--primary" disabled={!canSend} data-testid="reply-send">
          {CONVERSATION_TEXT.send}
        </button>
      </div>
    </form>
  );
}
