/**
 * The outside world of the email channel: an SMTP server on 127.0.0.1 (smtp-server) that plays the inbox's outbound
 * relay, keeps every mail it accepts (parsed with mailparser), and answers a recipient's next DATA commands from a
 * script (451, 550 …) before it accepts.
 */
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

/** A mail the sink accepted, with the envelope it came with. */
export type SunkMail = { envelopeFrom: string; envelopeTo: string[]; mail: ParsedMail; at: number };

/** The running sink. */
export type SmtpSink = {
  url: string;
  mails: SunkMail[];
  /** The mails accepted for an address. */
  sentTo(address: string): SunkMail[];
  /** How many DATA commands for an address were answered (scripted refusals included). */
  attemptsFor(address: string): number;
  /** Answers the next DATA commands for an address with these SMTP reply codes, in order, then accepts. */
  script(address: string, codes: number[]): void;
  close(): Promise<void>;
};

/**
 * Starts a sink on a free port (no TLS; no authentication: a relay on loopback, unless `login` is given, when the
 * sink takes mail only after AUTH with that user and password and answers 535 to any other).
 */
export async function startSmtpSink(login?: { user: string; pass: string }): Promise<SmtpSink> {
  const mails: SunkMail[] = [];
  const scripts = new Map<string, number[]>();
  const attempts = new Map<string, number>();
  const server = new SMTPServer({
    logger: false,
    authOptional: !login,
    allowInsecureAuth: true,
    disabledCommands: login ? ["STARTTLS"] : ["AUTH", "STARTTLS"],
    onAuth(auth, _session, callback) {
      if (login && auth.username === login.user && auth.password === login.pass) return callback(null, { user: auth.username });
      callback(Object.assign(new Error("5.7.8 Authentication credentials invalid"), { responseCode: 535 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const to = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
        for (const address of to) attempts.set(address, (attempts.get(address) ?? 0) + 1);
        const code = to.map((address) => scripts.get(address)?.shift()).find((c) => c !== undefined);
        if (code !== undefined) return callback(Object.assign(new Error(code >= 500 ? "5.1.1 Mailbox unavailable" : "4.7.1 Try again later"), { responseCode: code }));
        simpleParser(Buffer.concat(chunks)).then(
          (mail) => {
            mails.push({ envelopeFrom: session.envelope.mailFrom === false ? "" : session.envelope.mailFrom.address, envelopeTo: to, mail, at: Date.now() });
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const address = server.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    sentTo: (to) => mails.filter((m) => m.envelopeTo.includes(to.toLowerCase())),
    attemptsFor: (to) => attempts.get(to.toLowerCase()) ?? 0,
    script: (to, codes) => scripts.set(to.toLowerCase(), [...codes]),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
