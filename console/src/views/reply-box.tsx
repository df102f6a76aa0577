/**
 * The composer: a reply to the customer or a private note for the team. Enter sends, Shift+Enter adds a line, a
 * character budget of MAX_REPLY_LENGTH; "/" opens the canned replies (arrow keys and Enter insert one, filled in).
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { MAX_MESSAGE_LENGTH as MAX_REPLY_LENGTH } from "../../../src/contracts/messages.ts";
import type { ReplyChannelDTO } from "../../../src/contracts/api.ts";
import type { CannedReplyDTO } from "../../../src/contracts/helpdesk.ts";
import { listCannedReplies } from "../api/helpdesk-endpoints.ts";
import type { ReplyChannels } from "../controller/use-reply-channels.ts";
import { formatChannel } from "../format.ts";
import { HELPDESK_TEXT } from "../helpdesk-strings.ts";
import { CONVERSATION_TEXT } from "../strings.ts";
import { CannedPicker, filterCanned } from "./canned-picker.tsx";

/** How close to the limit the remaining-characters counter appears. */
const COUNTER_FROM = 500;

/** What the composer sends. */
export type ComposerMode = "reply" | "note";

/** The "/word" being typed at the caret, if any: where it starts and what follows the "/". */
function slashToken(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const match = /(^|\s)\/([\w-]*)$/.exec(before);
  if (!match) return null;
  return { start: before.length - match[2].length - 1, query: match[2] };
}

/** The label of a channel in the selector: "Email · Support mail", and "(this conversation)" for the conversation's own. */
function channelLabel(channel: ReplyChannelDTO): string {
  const base = `${formatChannel(channel.channel)} · ${channel.inboxName}`;
  return channel.current ? `${base} (${CONVERSATION_TEXT.thisConversation})` : base;
}

/** The "Reply on" selector: shown when the customer has another channel to answer on; keyboard-usable as a native select. */
function ChannelSelect(props: { channels: ReplyChannels; value: string; onChange: (inboxId: string) => void }) {
  const { channels } = props;
  if (channels.status === "loading") return <span class="composer__via composer__via--muted" data-testid="reply-channels-loading">{CONVERSATION_TEXT.replyChannelsLoading}</span>;
  if (channels.status === "failed") return <span class="composer__via composer__via--muted" role="status" data-testid="reply-channels-failed">{CONVERSATION_TEXT.replyChannelsFailed}</span>;
  if (channels.channels.length < 2) return null;
  return (
    <label class="composer__via" title={CONVERSATION_TEXT.replyOnHint}>
      <span class="composer__via-label">{CONVERSATION_TEXT.replyOn}</span>
      <select class="select" value={props.value} onChange={(e) => props.onChange(e.currentTarget.value)} data-testid="reply-channel">
        {channels.channels.map((c) => (
          <option key={c.inboxId} value={c.inboxId} data-channel={c.channel}>
            {channelLabel(c)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Textarea and send button for replies and notes; keeps a draft per conversation while the view is open. */
export function ReplyBox(props: {
  conversationId: string;
  disabled: boolean;
  /** The customer's channels to answer on (the conversation's own first). */
  channels: ReplyChannels;
  onSend: (text: string, via?: { inboxId: string; channel: string }) => void;
  onNote: (text: string) => void;
  onTyping: () => void;
}) {
  const drafts = useRef(new Map<string, string>());
  const [text, setText] = useState("");
  const [mode, setMode] = useState<ComposerMode>("reply");
  const [caret, setCaret] = useState(0);
  const [active, setActive] = useState(0);
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const [canned, setCanned] = useState<{ conversationId: string; replies: CannedReplyDTO[] | null; failed: boolean } | null>(null);
  const [via, setVia] = useState<string | null>(null);
  const input = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    setVia(null);
    setText(drafts.current.get(props.conversationId) ?? "");
    setCanned(null);
    input.current?.focus();
  }, [props.conversationId]);

  const token = mode === "reply" ? slashToken(text, caret) : null;
  const pickerOpen = token !== null && dismissedAt !== token.start;
  const replies = canned?.conversationId === props.conversationId && canned.replies ? filterCanned(canned.replies, token?.query ?? "") : null;

  useEffect(() => {
    if (!pickerOpen || canned?.conversationId === props.conversationId) return;
    const conversationId = props.conversationId;
    setCanned({ conversationId, replies: null, failed: false });
    listCannedReplies(conversationId).then(
      (list) => setCanned((now) => (now?.conversationId === conversationId ? { conversationId, replies: list, failed: false } : now)),
      () => setCanned((now) => (now?.conversationId === conversationId ? { conversationId, replies: null, failed: true } : now)),
    );
  }, [pickerOpen, props.conversationId, canned?.conversationId]);

  // The conversation's own channel unless the agent picked another; a choice no longer listed falls back to it.
  const listed = props.channels.status === "loaded" ? props.channels.channels : [];
  const chosen = listed.find((c) => c.inboxId === via) ?? listed.find((c) => c.current);

  const left = MAX_REPLY_LENGTH - text.length;
  const tooLong = left < 0;
  const canSend = !props.disabled && text.trim().length > 0 && !tooLong;

  const update = (value: string, at = value.length): void => {
    setText(value);
    setCaret(at);
    setActive(0);
    drafts.current.set(props.conversationId, value);
    if (value.length > 0 && mode === "reply") props.onTyping();
  };

  const insert = (reply: CannedReplyDTO): void => {
    if (!token) return;
    const filled = reply.rendered ?? reply.text;
    const value = text.slice(0, token.start) + filled + text.slice(caret);
    const at = token.start + filled.length;
    update(value, at);
    requestAnimationFrame(() => input.current?.setSelectionRange(at, at));
  };

  const send = (): void => {
    if (!canSend) return;
    if (mode === "note") props.onNote(text);
    else props.onSend(text, chosen && !chosen.current ? { inboxId: chosen.inboxId, channel: chosen.channel } : undefined);
    update("");
    drafts.current.delete(props.conversationId);
    input.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent): void => {
    if (pickerOpen && replies && replies.length > 0) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        const step = event.key === "ArrowDown" ? 1 : -1;
        setActive((i) => (i + step + replies.length) % replies.length);
        return;
      }
      if ((event.key === "Enter" || event.key === "Tab") && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        insert(replies[Math.min(active, replies.length - 1)]);
        return;
      }
    }
    if (pickerOpen && event.key === "Escape") {
      event.preventDefault();
      setDismissedAt(token.start);
      return;
    }
    // Escape leaves the reply box (the draft stays) for the conversation list, where the keyboard shortcuts work.
    if (event.key === "Escape" && !document.querySelector("dialog[open]")) {
      event.preventDefault();
      input.current?.blur();
      document.querySelector<HTMLElement>('.pane--inbox [aria-current="true"]')?.focus();
      return;
    }
    // Enter sends; Shift+Enter, and Enter while an IME is composing, insert a newline as usual.
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      send();
    }
  };

  const switchMode = (next: ComposerMode): void => {
    setMode(next);
    input.current?.focus();
  };

  return (
    <form
      class={`composer${mode === "note" ? " composer--note" : ""}${tooLong ? " composer--invalid" : ""}`}
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
      data-testid="composer"
      data-mode={mode}
    >
      {pickerOpen ? <CannedPicker replies={replies} failed={canned?.failed ?? false} active={active} onPick={insert} /> : null}
      <div class="composer__modes" role="tablist" aria-label={CONVERSATION_TEXT.send}>
        {(["reply", "note"] as const).map((m) => (
          <button
            type="button"
            role="tab"
            aria-selected={mode === m}
            class={`composer__mode${mode === m ? " composer__mode--active" : ""}`}
            onClick={() => switchMode(m)}
            data-testid={`composer-mode-${m}`}
          >
            {m === "reply" ? HELPDESK_TEXT.modeReply : HELPDESK_TEXT.modeNote}
          </button>
        ))}
      </div>
      <textarea
        ref={input}
        class="composer__input"
        rows={3}
        placeholder={mode === "note" ? HELPDESK_TEXT.notePlaceholder : CONVERSATION_TEXT.replyPlaceholder}
        value={text}
        disabled={props.disabled}
        onInput={(e) => update(e.currentTarget.value, e.currentTarget.selectionStart ?? e.currentTarget.value.length)}
        onKeyUp={(e) => setCaret(e.currentTarget.selectionStart ?? 0)}
        onClick={(e) => setCaret(e.currentTarget.selectionStart ?? 0)}
        onKeyDown={onKeyDown}
        aria-invalid={tooLong}
        aria-expanded={pickerOpen}
        aria-autocomplete="list"
        data-testid="reply-input"
      />
      <div class="composer__bar">
        {mode === "reply" ? <ChannelSelect channels={props.channels} value={chosen?.inboxId ?? ""} onChange={setVia} /> : null}
        <span class={`composer__count${tooLong ? " composer__count--over" : ""}`} data-testid="reply-count">
          {left <= COUNTER_FROM ? (tooLong ? `${CONVERSATION_TEXT.overLimit} ${-left}` : `${left} ${CONVERSATION_TEXT.charactersLeft}`) : ""}
        </span>
        <button type="submit" class="button button--primary" disabled={!canSend} data-testid="reply-send">
          {mode === "note" ? HELPDESK_TEXT.addNote : CONVERSATION_TEXT.send}
        </button>
      </div>
    </form>
  );
}
