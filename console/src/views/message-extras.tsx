/** What a channel adds to a message in the conversation view: an email's Subject, its attachments. */
import type { MessageAttachment } from "../../../src/contracts/api.ts";
import { API_BASE } from "../api/http.ts";
import { formatBytes } from "../format.ts";
import { CONVERSATION_TEXT } from "../strings.ts";

/** A customer email's Subject line above its text. */
export function MessageSubject(props: { subject: string }) {
  return (
    <div class="msg__subject" data-testid="message-subject">
      <span class="msg__subject-label">{CONVERSATION_TEXT.subject}:</span> {props.subject}
    </div>
  );
}

function AttachmentItem(props: { conversationId: string; attachment: MessageAttachment }) {
  const { attachment: a } = props;
  const name = a.name ?? (a.kind === "photo" ? CONVERSATION_TEXT.photo : CONVERSATION_TEXT.unnamedFile);
  const facts = [a.contentType, a.size !== undefined ? formatBytes(a.size) : undefined].filter(Boolean).join(" · ");
  return (
    <li class="attachment" data-testid="message-attachment">
      <svg class="attachment__icon" viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
        <path d="M10.5 4.5 5.8 9.2a1.2 1.2 0 0 0 1.7 1.7l5-5a2.5 2.5 0 0 0-3.5-3.5l-5 5a3.8 3.8 0 0 0 5.3 5.3l4.2-4.2" fill="none" stroke="currentColor" stroke-width="1.4" stroke-linecap="round" />
      </svg>
      {a.id ? (
        // A download (the server answers Content-Disposition: attachment), never rendered in the console.
        <a
          class="attachment__name"
          href={`${API_BASE}/conversations/${encodeURIComponent(props.conversationId)}/attachments/${encodeURIComponent(a.id)}`}
          download={name}
          aria-label={CONVERSATION_TEXT.download(name)}
          data-testid="attachment-link"
        >
          {name}
        </a>
      ) : (
        <span class="attachment__name">{name}</span>
      )}
      {facts ? <span class="attachment__facts">{facts}</span> : null}
    </li>
  );
}

/** The files sent with a message: name, type and size, each a download link when the server keeps the file. */
export function AttachmentList(props: { conversationId: string; attachments: MessageAttachment[] }) {
  return (
    <ul class="attachments" aria-label={CONVERSATION_TEXT.attachments} data-testid="message-attachments">
      {props.attachments.map((a, index) => (
        <AttachmentItem key={a.id ?? index} conversationId={props.conversationId} attachment={a} />
      ))}
    </ul>
  );
}
