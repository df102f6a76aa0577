/**
 * IMAP polling, the email channel's alternative to its SMTP server: each email inbox with an `imapUrl` has its INBOX
 * read (imapflow) for UNSEEN mail, each mail stored through the same path as an SMTP delivery (receiveMail), and only
 * then marked \Seen. A mail that can never be stored (too large, no sender, refused) is marked \Seen and \Flagged so it
 * is not read again; any other failure leaves it unseen for the next poll (the Message-ID makes a second store a no-op).
 */
import { ImapFlow, type ImapFlowError } from "imapflow";
import { AppError } from "../../errors.ts";
import { childLogger, type Logger } from "../../logger.ts";
import type { AttachmentFiles } from "../../modules/conversations/index.ts";
import type { ServiceDeps } from "../../modules/deps.ts";
import { imapInboxes } from "../../modules/inboxes/index.ts";
import { MailRefused, readMail } from "./inbound.ts";
import { receiveMail } from "./receive.ts";

/** The job that polls every email inbox with an `imapUrl` (scheduled every IMAP_POLL_SECONDS). */
export const EMAIL_POLL_JOB = "email.poll";

/** How long the IMAP server may take to accept the connection, greet, or answer a command. */
const IMAP_TIMEOUT_MS = 30_000;
/** Mails read per inbox and poll at most: a large backlog is taken over several polls. */
const MAX_MAILS_PER_POLL = 200;

/** What one inbox's poll did: mails stored, mails set aside for good (too large, unreadable), or why it failed. */
export type MailboxPoll = { inboxId: string; stored: number; setAside: number; error?: string };

/** What polling needs besides the services: where attachments go, the size limit, and where failures are logged. */
export type MailboxPollOptions = { files: AttachmentFiles; maxBytes: number; log?: Logger };

type Mailbox = { inboxId: string; imapUrl: string };

/** The connection imapflow opens for an `imap://` (STARTTLS when offered, port 143) or `imaps://` (TLS, port 993) URL. */
function connectionOf(imapUrl: string): { host: string; port: number; secure: boolean; auth: { user: string; pass: string } } {
  const url = new URL(imapUrl);
  const secure = url.protocol === "imaps:";
  return {
    host: url.hostname.replace(/^\[|\]$/g, ""),
    port: url.port ? Number(url.port) : secure ? 993 : 143,
    secure,
    auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) },
  };
}

/** A failure in words an operator can act on, never carrying the password (imapflow's errors are not logged whole). */
function describe(error: unknown, password: string): string {
  const failure = error as ImapFlowError;
  let text: string;
  if (failure.authenticationFailed) text = `the IMAP server refused the login${failure.serverResponseCode ? ` (${failure.serverResponseCode})` : ""}`;
  else if (failure.mailboxMissing) text = "the mailbox has no INBOX";
  else if (failure.tlsFailed) text = `TLS failed: ${failure.message}`;
  else text = [failure.code, typeof failure.responseText === "string" ? failure.responseText : failure.message].filter(Boolean).join(": ") || String(error);
  const clipped = text.replace(/\s+/g, " ").slice(0, 300);
  return password ? clipped.split(password).join("[redacted]") : clipped;
}

/** Whether storing this mail will fail the same way every time (so it is set aside rather than tried again). */
function refusedForGood(error: unknown): boolean {
  return error instanceof MailRefused || (error instanceof AppError && error.status < 500);
}

/** Reads, stores and marks one mail; "set-aside" when it can never be stored. Other failures throw. */
async function takeMail(deps: ServiceDeps, options: MailboxPollOptions, client: ImapFlow, mailbox: Mailbox, uid: number, log: Logger): Promise<"stored" | "set-aside"> {
  const range = String(uid);
  // BODY.PEEK: reading does not set \Seen; the source is cut one byte past the limit, so a huge mail is not downloaded whole.
  const fetched = await client.fetchOne(range, { uid: true, size: true, source: { maxLength: options.maxBytes + 1 } }, { uid: true });
  if (!fetched) return "set-aside";
  let reason: string | undefined;
  if ((fetched.size ?? 0) > options.maxBytes || !fetched.source || fetched.source.length > options.maxBytes) {
    reason = `larger than EMAIL_MAX_BYTES (${options.maxBytes} bytes)`;
  } else {
    try {
      await receiveMail(deps, options.files, mailbox.inboxId, await readMail(fetched.source, { nullSender: false }));
    } catch (error) {
      if (!refusedForGood(error)) throw error;
      reason = (error as Error).message;
    }
  }
  if (reason === undefined) {
    await client.messageFlagsAdd(range, ["\\Seen"], { uid: true });
    return "stored";
  }
  // Flagged and seen: a person looking at the mailbox finds it; the next poll does not read it again.
  await client.messageFlagsAdd(range, ["\\Seen", "\\Flagged"], { uid: true });
  log.warn({ inboxId: mailbox.inboxId, uid, reason }, "an IMAP mail was not stored; it is flagged in the mailbox");
  return "set-aside";
}

/** Polls one inbox's mailbox: its UNSEEN mail in INBOX, oldest first, each stored before it is marked \Seen. */
export async function pollMailbox(deps: ServiceDeps, options: MailboxPollOptions, mailbox: Mailbox): Promise<MailboxPoll> {
  const log = options.log ?? childLogger("email");
  const result: MailboxPoll = { inboxId: mailbox.inboxId, stored: 0, setAside: 0 };
  const connection = connectionOf(mailbox.imapUrl);
  const client = new ImapFlow({
    ...connection,
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: IMAP_TIMEOUT_MS,
    greetingTimeout: IMAP_TIMEOUT_MS,
    socketTimeout: IMAP_TIMEOUT_MS,
  });
  // A dropped connection is also emitted as an event; the command in flight rejects, which is where it is handled.
  client.on("error", () => undefined);
  try {
    await client.connect();
    const lock = await client.getMailboxLock("INBOX");
    try {
      const unseen = (await client.search({ seen: false }, { uid: true })) || [];
      for (const uid of [...unseen].sort((a, b) => a - b).slice(0, MAX_MAILS_PER_POLL)) {
        if ((await takeMail(deps, options, client, mailbox, uid, log)) === "stored") result.stored++;
        else result.setAside++;
      }
    } finally {
      lock.release();
    }
    await client.logout();
  } catch (error) {
    result.error = describe(error, connection.auth.pass);
    log.warn({ inboxId: mailbox.inboxId, reason: result.error, stored: result.stored }, "could not poll the email inbox's IMAP mailbox; trying again at the next poll");
    client.close();
  }
  return result;
}

/** Polls every email inbox with an `imapUrl`, side by side: one mailbox's failure does not hold up the others. */
export async function pollMailboxes(deps: ServiceDeps, options: MailboxPollOptions): Promise<MailboxPoll[]> {
  const inboxes = await imapInboxes(deps);
  return Promise.all(inboxes.map(({ inbox, settings }) => pollMailbox(deps, options, { inboxId: inbox.id, imapUrl: settings.imapUrl })));
}
