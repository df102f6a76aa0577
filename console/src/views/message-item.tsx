/** One message in the conversation view, with its NLP annotation for customer messages. */
import type { Annotation } from "../../../src/contracts/nlp.ts";
import { UNKNOWN_INTENT as UNKNOWN_INTENT_NAME } from "../../../src/contracts/nlp.ts";
import {
  formatChannel,
  formatClock,
  formatDrivers,
  formatEntity,
  formatEntityValue,
  formatIntentConfidence,
  formatIntentName,
  formatConfidence,
  formatRunnerUp,
  formatScore,
  sentimentTone,
} from "../format.ts";
import type { ConsoleMessage } from "../store/types.ts";
import { HELPDESK_TEXT } from "../helpdesk-strings.ts";
import { CONVERSATION_TEXT } from "../strings.ts";
import { AttachmentList, MessageSubject } from "./message-extras.tsx";

const SENDER_LABEL = {
  customer: CONVERSATION_TEXT.senderCustomer,
  bot: CONVERSATION_TEXT.senderBot,
  agent: CONVERSATION_TEXT.senderAgent,
  system: CONVERSATION_TEXT.senderSystem,
} as const;

/** Sentiment, intent and entity chips under a customer message. */
export function AnnotationView(props: { annotation: Annotation }) {
  const { sentiment, intent, entities } = props.annotation;
  const tone = sentimentTone(sentiment);
  const drivers = formatDrivers(sentiment);
  const unknown = intent.name === UNKNOWN_INTENT_NAME;
  const confidence = formatIntentConfidence(intent);
  const runnerUp = unknown ? "" : formatRunnerUp(intent);
  return (
    <div class="annotation" data-testid="annotation">
      <span
        class={`tag tag--sentiment tag--${tone}`}
        title={`${CONVERSATION_TEXT.drivers}: ${drivers || CONVERSATION_TEXT.noDrivers}`}
        data-testid="message-sentiment"
        data-label={sentiment.label}
      >
        <span class={`dot dot--${tone}`} aria-hidden="true" />
        {sentiment.label} {formatScore(sentiment.score)}
      </span>
      <span
        class={`tag tag--intent${unknown ? " tag--muted" : ""}`}
        title={intent.alternatives.map((a) => `${formatIntentName(a.name)} ${formatConfidence(a.confidence)}`).join(", ")}
        data-testid="message-intent"
        data-intent={intent.name}
      >
        {CONVERSATION_TEXT.intent}: {formatIntentName(intent.name)}
        {confidence ? " " : null}
        {confidence ? <span class="tag__num">{confidence}</span> : null}
        {runnerUp ? (
          <span class="tag__num" data-testid="message-intent-runner-up">
            {" "}
            · {HELPDESK_TEXT.runnerUp}: {runnerUp}
          </span>
        ) : null}
      </span>
      {entities.map((e) => (
        <span class={`tag tag--entity tag--entity-${e.type}`} data-testid="message-entity" data-type={e.type} title={formatEntityValue(e) || undefined}>
          {formatEntity(e)}
        </span>
      ))}
      {drivers ? (
        <span class="annotation__drivers" data-testid="message-drivers">
          {CONVERSATION_TEXT.drivers}: {drivers}
        </span>
      ) : null}
    </div>
  );
}

/** Where a reply to a chat channel (Telegram …) stands, with Retry once it failed. */
function ChannelDeliveryState(props: { message: ConsoleMessage; onRetry: () => void }) {
  const delivery = props.message.channelDelivery;
  if (!delivery) return null;
  const { status } = delivery;
  const label = {
    pending: CONVERSATION_TEXT.channelPending,
    sent: CONVERSATION_TEXT.channelSent,
    delivered: CONVERSATION_TEXT.channelDelivered,
    read: CONVERSATION_TEXT.channelRead,
    failed: CONVERSATION_TEXT.channelFailed,
  }[status];
  return (
    <div class={`msg__state${status === "failed" ? " msg__state--failed" : ""}`} role={status === "failed" ? "alert" : undefined} data-testid="channel-delivery" data-status={status}>
      {label}
      {status === "pending" && delivery.attempts > 0 ? ` (${CONVERSATION_TEXT.channelRetrying(delivery.attempts)})` : null}
      {status === "failed" ? (
        <>
          {" "}
          <span data-testid="channel-delivery-error">{delivery.error}</span>{" "}
          <button type="button" class="link" onClick={props.onRetry} data-testid="channel-delivery-retry">
            {CONVERSATION_TEXT.retry}
          </button>
        </>
      ) : null}
    </div>
  );
}

/**
 * A message bubble: sender, the channel it came or went by, an email's Subject, text (always as text, never HTML),
 * attachments, time, delivery state and annotation.
 */
export function MessageItem(props: {
  message: ConsoleMessage;
  onRetry: (clientMsgId: string) => void;
  onDiscard: (clientMsgId: string) => void;
  onRetryChannel: (message: ConsoleMessage) => void;
}) {
  const { message: m } = props;
  const type = m.sender.type;
  const name = m.sender.name ?? SENDER_LABEL[type];
  if (type === "system") {
    return (
      <li class="msg msg--system" data-testid="message" data-sender={type} data-message-id={m.id}>
        <span class="msg__system">{m.text}</span>
        <ChannelDeliveryState message={m} onRetry={() => props.onRetryChannel(m)} />
      </li>
    );
  }
  return (
    <li class={`msg msg--${type} msg--${m.delivery}`} data-testid="message" data-sender={type} data-message-id={m.id} data-delivery={m.delivery}>
      <div class="msg__head">
        <span class="msg__author">{name}</span>
        {type === "bot" ? <span class="msg__role">{SENDER_LABEL.bot}</span> : null}
        <span class="msg__channel" title={CONVERSATION_TEXT.channelOfMessage} data-testid="message-channel" data-channel={m.channel}>
          {formatChannel(m.channel)}
        </span>
        <time class="msg__time" dateTime={m.createdAt} title={new Date(m.createdAt).toLocaleString()}>
          {formatClock(m.createdAt)}
        </time>
      </div>
      {m.subject ? <MessageSubject subject={m.subject} /> : null}
      <div class="msg__bubble" data-testid="message-text">
        {m.text}
      </div>
      {m.attachments?.length ? <AttachmentList conversationId={m.conversationId} attachments={m.attachments} /> : null}
      {m.delivery === "sending" ? <div class="msg__state" data-testid="message-sending">{CONVERSATION_TEXT.sending}</div> : null}
      {m.delivery === "failed" && m.clientMsgId ? (
        <div class="msg__state msg__state--failed" data-testid="message-failed">
          {CONVERSATION_TEXT.failed}{" "}
          <button type="button" class="link" onClick={() => props.onRetry(m.clientMsgId ?? "")} data-testid="message-retry">
            {CONVERSATION_TEXT.retry}
          </button>
          <button type="button" class="link link--muted" onClick={() => props.onDiscard(m.clientMsgId ?? "")} aria-label={CONVERSATION_TEXT.discard}>
            ×
          </button>
        </div>
      ) : null}
      <ChannelDeliveryState message={m} onRetry={() => props.onRetryChannel(m)} />
      {m.annotation ? <AnnotationView annotation={m.annotation} /> : null}
    </li>
  );
}
