/** The middle pane: the open conversation's messages, "Load earlier", typing indicator and the composer. */
import { useLayoutEffect, useRef } from "preact/hooks";
import type { ConversationNoteDTO } from "../../../src/contracts/helpdesk.ts";
import type { ConsoleOperations } from "../controller/operations.ts";
import { useNotes } from "../controller/use-notes.ts";
import { useReplyChannels } from "../controller/use-reply-channels.ts";
import { customerDisplayName, formatChannel } from "../format.ts";
import type { ConsoleState } from "../store/types.ts";
import { CONVERSATION_TEXT, INBOX_TEXT } from "../strings.ts";
import { Avatar, ConversationStatusBadge, EmptyState } from "./common.tsx";
import { LabelChips, LabelPicker } from "./label-picker.tsx";
import { MessageItem } from "./message-item.tsx";
import { NoteItem } from "./note-item.tsx";
import { ReplyBox } from "./reply-box.tsx";
import { CollisionBar } from "./collision-bar.tsx";
import { ReplyConflictDialog } from "./reply-conflict-dialog.tsx";

/** Distance from the bottom (px) within which new messages keep the view pinned to the latest. */
const STICK_PX = 120;

function MessageList(props: { state: ConsoleState; ops: ConsoleOperations; notes: ConversationNoteDTO[] }) {
  const { state, ops, notes } = props;
  const { messages } = state;
  const scroller = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);
  const lastFirstId = useRef<string | null>(null);
  const heightBefore = useRef(0);

  const firstId = messages.items[0]?.id ?? null;
  const lastId = messages.items[messages.items.length - 1]?.id ?? null;

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (lastFirstId.current !== null && firstId !== lastFirstId.current && el.scrollHeight > heightBefore.current && !pinned.current) {
      // Older messages were prepended: keep the reader's place instead of jumping.
      el.scrollTop += el.scrollHeight - heightBefore.current;
    } else if (pinned.current) {
      el.scrollTop = el.scrollHeight;
    }
    lastFirstId.current = firstId;
    heightBefore.current = el.scrollHeight;
  }, [firstId, lastId, messages.items.length, notes.length, state.typing[state.selectedId ?? ""]]);

  useLayoutEffect(() => {
    pinned.current = true;
    lastFirstId.current = null;
  }, [state.selectedId]);

  const onScroll = (): void => {
    const el = scroller.current;
    if (!el) return;
    pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < STICK_PX;
    heightBefore.current = el.scrollHeight;
  };

  const typing = state.selectedId !== null && state.typing[state.selectedId] === true;
  return (
    <div class="thread" ref={scroller} onScroll={onScroll} data-testid="message-list">
      {messages.nextCursor ? (
        <div class="thread__earlier">
          <button type="button" class="button button--secondary button--small" disabled={messages.loading} onClick={() => void ops.loadEarlierMessages()} data-testid="load-earlier">
            {messages.loading ? INBOX_TEXT.loading : CONVERSATION_TEXT.loadEarlier}
          </button>
        </div>
      ) : null}
      {!messages.loaded && messages.loading ? <p class="list__loading">{INBOX_TEXT.loading}</p> : null}
      {messages.loaded && messages.items.length === 0 ? <p class="thread__empty">{INBOX_TEXT.noMessages}</p> : null}
      <ol class="thread__items">
        {interleave(messages.items, notes, messages.nextCursor !== null).map((item) =>
          "author" in item ? (
            <NoteItem key={`note-${item.id}`} note={item} />
          ) : (
            <MessageItem key={item.clientMsgId ?? item.id} message={item} onRetry={ops.retryReply} onDiscard={ops.discardReply} onRetryChannel={(message) => void ops.retryChannelDelivery(message)} />
          ),
        )}
      </ol>
      {typing ? (
        <div class="typing" data-testid="typing-indicator" aria-live="polite">
          <span class="typing__dots" aria-hidden="true">
            <i />
            <i />
            <i />
          </span>
          {state.selected ? customerDisplayName(state.selected.customer) : CONVERSATION_TEXT.senderCustomer} {CONVERSATION_TEXT.typing}
        </div>
      ) : null}
    </div>
  );
}

/**
 * Messages and notes in time order. While earlier messages are not loaded, notes older than the first message shown
 * wait with them (they would otherwise sit above a gap).
 */
function interleave<M extends { createdAt: string }>(messages: M[], notes: ConversationNoteDTO[], moreBefore: boolean): (M | ConversationNoteDTO)[] {
  const first = messages[0]?.createdAt;
  const shown = moreBefore && first ? notes.filter((n) => n.createdAt >= first) : notes;
  return [...messages, ...shown].sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
}

/** The conversation pane, or a placeholder when nothing is selected. */
export function ConversationPane(props: { state: ConsoleState; ops: ConsoleOperations }) {
  const { state, ops } = props;
  const conversation = state.selected;
  const notes = useNotes(state.selectedId);
  const channels = useReplyChannels(state.selectedId, conversation?.customer.id ?? null);
  if (!state.selectedId) {
    return (
      <section class="pane pane--conversation">
        <EmptyState title={CONVERSATION_TEXT.nothingSelected} hint={CONVERSATION_TEXT.nothingSelectedHint} testId="no-conversation" />
      </section>
    );
  }
  const name = conversation ? customerDisplayName(conversation.customer) : "";
  return (
    <section class="pane pane--conversation" data-testid="conversation-view" data-conversation-id={state.selectedId}>
      <header class="conv-head">
        {conversation ? <Avatar id={conversation.customer.id} label={name} /> : null}
        <div class="conv-head__text">
          <h2 class="conv-head__title" data-testid="conversation-title">
            {name}
          </h2>
          <span class="conv-head__sub">
            {conversation?.subject ? <span data-testid="conversation-subject">{conversation.subject}</span> : null}
            {conversation?.subject ? " · " : ""}
            {conversation ? formatChannel(conversation.channel) : ""}
          </span>
          {conversation ? <LabelChips labels={conversation.labels ?? []} /> : null}
        </div>
        {conversation ? <LabelPicker conversationId={conversation.id} current={conversation.labels ?? []} onError={ops.showError} /> : null}
        {conversation ? <ConversationStatusBadge conversation={conversation} /> : null}
      </header>
      {state.user ? <CollisionBar conversationId={state.selectedId} userId={state.user.id} /> : null}
      <MessageList state={state} ops={ops} notes={notes.notes} />
      {conversation?.status === "resolved" ? <div class="notice">{CONVERSATION_TEXT.resolvedNotice}</div> : null}
      <ReplyBox
        conversationId={state.selectedId}
        disabled={false}
        channels={channels}
        onSend={ops.sendReply}
        onNote={(text) => void notes.add(text).catch((error: unknown) => ops.showError(error instanceof Error ? error.message : String(error)))}
        onTyping={ops.replyTyping}
      />
      {state.replyConflict && state.replyConflict.conversationId === state.selectedId ? (
        <ReplyConflictDialog conflict={state.replyConflict} onAnswer={ops.answerReplyConflict} />
      ) : null}
    </section>
  );
}
