/**
 * `channels` (email part): inbound email to stored message. A server process with SMTP_PORT set and an email inbox
 * whose relay is a local SMTP sink; mails of about 10 KB (text and one attachment, different bytes each time) are sent
 * one after another with nodemailer over one kept-open connection, and each SMTP transaction is timed until the
 * server's 250, which it answers only once the mail is stored (attachment written, message committed).
 */
import { randomBytes } from "node:crypto";
import nodemailer, { type SendMailOptions } from "nodemailer";
import { SMTPServer } from "smtp-server";
import { freePort, login, progress, startRedis, startServer, tempDir } from "./lib/processes.ts";
import { round, summarize } from "./lib/stats.ts";

const ADDRESS = "support@bench.test";

/** Options of the email part: mails measured and unmeasured warm-up mails. */
export type EmailBenchOptions = { n?: number; warmup?: number };

/** What the email part reports. */
export type EmailBenchResult = { p99Ms: number; p50Ms: number; maxMs: number; mails: number; mailBytes: number; method: string };

/** A customer's mail of about 10 KB: a paragraph of text and a 4 KB attachment; every other one answers the one before. */
function mail(i: number, previousId: string | undefined): SendMailOptions & { messageId: string } {
  const messageId = `<bench-${i}-${randomBytes(6).toString("hex")}@customers.bench.test>`;
  const text = `Hello, my order ${1000 + i} arrived damaged and I would like a replacement. `.repeat(60);
  return {
    from: `"Customer ${i % 50}" <customer-${i % 50}@customers.bench.test>`,
    to: ADDRESS,
    subject: `Order ${1000 + i}`,
    text,
    messageId,
    ...(previousId && i % 2 === 1 ? { inReplyTo: previousId, references: [previousId] } : {}),
    attachments: [{ filename: `photo-${i}.jpg`, contentType: "image/jpeg", content: randomBytes(4096) }],
  };
}

/** A relay that accepts every reply (the bot answers each mail while the next ones arrive, as in production). */
async function startSink(): Promise<{ url: string; close(): Promise<void> }> {
  const server = new SMTPServer({
    logger: false,
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    onData(stream, _session, callback) {
      stream.on("end", () => callback());
      stream.resume();
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", () => resolve()));
  return { url: `smtp://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Measures inbound email to stored message against a fresh server (PGlite in a temporary DATA_DIR). */
export async function emailBench(options: EmailBenchOptions = {}): Promise<EmailBenchResult> {
  const n = options.n ?? 300;
  const warmup = options.warmup ?? 30;
  const redis = await startRedis();
  const data = tempDir("channels-email");
  const sink = await startSink();
  const smtpPort = await freePort();
  const server = await startServer({ dataDir: data.dir, redisUrl: redis.url, env: { SMTP_PORT: String(smtpPort), SWITCHBOARD_FROM_SOURCES: "1" } });
  const transport = nodemailer.createTransport({ host: "127.0.0.1", port: smtpPort, secure: false, pool: true, maxConnections: 1, maxMessages: Infinity });
  try {
    const cookie = await login(server.url);
    const created = await fetch(`${server.url}/api/v1/inboxes`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie },
      body: JSON.stringify({ name: "Bench support", channel: "email", settings: { address: ADDRESS, smtpUrl: sink.url } }),
    });
    if (created.status !== 201) throw new Error(`could not create the email inbox: ${created.status} ${await created.text()}`);
    progress(`channels/email: ${warmup} warm-up mails, then ${n} measured`);
    const samples: number[] = [];
    let previousId: string | undefined;
    // The size of one mail as sent (they differ only in random bytes).
    const sample = await nodemailer.createTransport({ streamTransport: true, buffer: true }).sendMail(mail(0, undefined));
    const mailBytes = (sample.message as Buffer).length;
    for (let i = 0; i < warmup + n; i++) {
      const next = mail(i, previousId);
      const started = performance.now();
      const info = await transport.sendMail(next);
      const ms = performance.now() - started;
      if (info.rejected.length > 0) throw new Error(`mail ${i} was refused: ${info.response}`);
      if (i >= warmup) samples.push(ms);
      previousId = next.messageId;
    }
    const s = summarize(samples);
    return {
      p99Ms: round(s.p99!, 1),
      p50Ms: round(s.p50!, 1),
      maxMs: round(s.max!, 1),
      mails: n,
      mailBytes,
      method: "nodemailer over one pooled SMTP connection to the server's SMTP_PORT, one mail at a time: MAIL FROM to the 250 after DATA (stored first); 10 KB mails with one 4 KB attachment, half of them replies in a thread; PGlite, private Redis, the bot answering through a local relay",
    };
  } finally {
    transport.close();
    await server.stop();
    await sink.close();
    await redis.stop();
    data.remove();
  }
}
