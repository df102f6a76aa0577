/**
 * The inbound SMTP server (SMTP_PORT): the MX, or the relay's target, for the email inboxes' addresses. A recipient
 * that is no inbox's address is refused at RCPT TO (550), a mail over EMAIL_MAX_BYTES with 552, and a mail is
 * answered 250 only once it is stored (451 when storing failed, so the sender tries again later).
 */
import { SMTPServer, type SMTPServerAddress, type SMTPServerDataStream, type SMTPServerSession } from "smtp-server";
import { AppError } from "../../errors.ts";
import { childLogger } from "../../logger.ts";
import type { AttachmentFiles } from "../../modules/conversations/index.ts";
import type { ServiceDeps } from "../../modules/deps.ts";
import { emailInboxFor } from "../../modules/inboxes/index.ts";
import { MailRefused, readMail } from "./inbound.ts";
import { receiveMail } from "./receive.ts";

const log = childLogger("email");

/** The running SMTP server. */
export type EmailServer = { port: number; close(): Promise<void> };

/** How the SMTP server listens and what it accepts. */
export type EmailServerOptions = { port: number; host: string; maxBytes: number; files: AttachmentFiles };

/** An error carrying the SMTP reply code smtp-server answers with. */
function smtpError(code: number, message: string): Error & { responseCode: number } {
  return Object.assign(new Error(message), { responseCode: code });
}

/** Reads the DATA stream whole (it must be drained even past the limit, or the connection stalls). */
function readData(stream: SMTPServerDataStream, maxBytes: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
    });
    stream.on("end", () => resolve(stream.sizeExceeded || size > maxBytes ? undefined : Buffer.concat(chunks)));
    stream.on("error", reject);
  });
}

// The inbox each accepted recipient is the address of, noted at RCPT TO (smtp-server keeps that address object in the envelope).
const recipientInboxes = new WeakMap<SMTPServerAddress, string>();

async function storeMail(deps: ServiceDeps, options: EmailServerOptions, stream: SMTPServerDataStream, session: SMTPServerSession): Promise<void> {
  const raw = await readData(stream, options.maxBytes);
  if (!raw) throw smtpError(552, `5.3.4 Message exceeds the fixed maximum message size of ${options.maxBytes} bytes`);
  const sender = session.envelope.mailFrom === false ? "" : session.envelope.mailFrom.address;
  let mail;
  try {
    mail = await readMail(raw, { nullSender: sender === "", envelopeFrom: sender || undefined });
  } catch (error) {
    throw error instanceof MailRefused ? smtpError(550, `5.6.0 ${error.message}`) : error;
  }
  // Every recipient was an inbox's address at RCPT TO, which noted the inbox.
  const inboxIds = new Set<string>();
  for (const rcpt of session.envelope.rcptTo) {
    const inboxId = recipientInboxes.get(rcpt) ?? (await emailInboxFor(deps, rcpt.address))?.inbox.id;
    if (inboxId) inboxIds.add(inboxId);
  }
  for (const inboxId of inboxIds) await receiveMail(deps, options.files, inboxId, mail);
}

/** Starts the SMTP server; resolves with the port it listens on (SMTP_PORT=0 picks a free one, as tests do). */
export async function startEmailServer(deps: ServiceDeps, options: EmailServerOptions): Promise<EmailServer> {
  const server = new SMTPServer({
    name: "switchboard",
    banner: "Switchboard",
    logger: false,
    size: options.maxBytes,
    // Mail arrives from the internet's MTAs, which do not log in; STARTTLS is not offered: put a relay in front for TLS.
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    maxClients: 200,
    maxRecipients: 50,
    // A stopping server lets connections finish for a moment, then cuts them (the sender retries what was not answered 250).
    closeTimeout: 3000,
    onRcptTo(address, _session, callback) {
      emailInboxFor(deps, address.address).then(
        (found) => {
          if (!found) return callback(smtpError(550, `5.1.1 <${address.address}>: no such mailbox here`));
          recipientInboxes.set(address, found.inbox.id);
          callback();
        },
        (error: unknown) => {
          log.error({ err: error }, "could not look the recipient up");
          callback(smtpError(451, "4.3.0 Temporary failure, try again later"));
        },
      );
    },
    onData(stream, session, callback) {
      storeMail(deps, options, stream, session).then(
        () => callback(null, "2.0.0 Stored"),
        (error: unknown) => {
          if (error instanceof Error && "responseCode" in error) return callback(error);
          // A mail the conversation code refuses (an invalid field) will be refused again: no point in a retry.
          if (error instanceof AppError && error.status < 500) return callback(smtpError(550, `5.6.0 ${error.message}`));
          log.error({ err: error }, "could not store an inbound mail");
          callback(smtpError(451, "4.3.0 Could not store the message, try again later"));
        },
      );
    },
  });
  server.on("error", (error) => log.warn({ err: error }, "SMTP server error"));
  await new Promise<void>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  log.info({ port }, "SMTP server listening");
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
