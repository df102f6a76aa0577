/** Composition root: the only place that creates and wires the process's dependencies. */
import { Redis } from "ioredis";
import { createBotRuntime, moduleBotServices, toTurn, type BotRuntime } from "../bots/index.ts";
import path from "node:path";
import { alertMailer } from "./channels/email/alert-mail.ts";
import { campaignMailer } from "./channels/email/campaign-mail.ts";
import { EMAIL_POLL_JOB, pollMailboxes } from "./channels/email/imap-poll.ts";
import { startEmailServer, type EmailServer } from "./channels/email/smtp-server.ts";
import { channelSenders } from "./channels/registry.ts";
import type { Config } from "./config.ts";
import { openDatabase, type DatabaseHandle, type DatabaseTarget } from "./db/index.ts";
import { createEventBus, type EventBus } from "./events.ts";
import { createRateLimits, type RateLimits } from "./limits/index.ts";
import { childLogger } from "./logger.ts";
import { createAnswerer, createAttachmentFiles, removeUnlistedAttachments, DELIVER_JOB, deliverMessage, forgetRecentMessages, type Answerer, type AttachmentFiles, type AnswerTurn, type TurnTimings } from "./modules/conversations/index.ts";
import { endExpiredSessions } from "./modules/agents/index.ts";
import { forgetIdleVisitors } from "./modules/visitors/index.ts";
import { createSecretBox } from "./modules/inboxes/index.ts";
import { IMPORT_JOB, runImport, type ImportJobPayload } from "./modules/imports/index.ts";
import { CAMPAIGN_SEND_JOB, campaignsOnMessage, runCampaignSend, type CampaignSendPayload } from "./modules/campaigns/index.ts";
import { leadOnMessage } from "./modules/deals/index.ts";
import { labelOnMessage } from "./modules/labels/index.ts";
import { runTraining, TRAIN_JOB, type TrainJobPayload } from "./modules/knowledge/index.ts";
import type { ServiceDeps } from "./modules/deps.ts";
import { escalateOnSentiment, noteAgentReply, offlineOnMessage, runSlaScan, SLA_SCAN_JOB, slaOnMessage, syncTicketSla } from "./modules/tickets/index.ts";
import { catchUpRollups } from "./modules/reports/index.ts";
import { INSIGHTS_REFRESH_JOB, runRefresh, type InsightsJobPayload } from "./modules/insights/index.ts";
import { REPORT_ALERTS_JOB, scanAlerts } from "./modules/reports/index.ts";
import { createAnalyzer, loadRetrainedModel, type Analyzer } from "./nlp/index.ts";
import { createBroadcast, createQueueSystem, defineJob, ensureRedis, type QueueSystem, type RedisEndpoint } from "./queue/index.ts";

const log = childLogger("container");

/** How often widget visitors idle past the retention are looked for. */
const VISITOR_SWEEP_MS = 3_600_000;
/** How often sessions past their idle time or lifetime are ended. */
const SESSION_SWEEP_MS = 60_000;
/** How often the embedded database's hot tables are vacuumed (at 100 messages/s, some 30,000 dead row versions a minute). */
const HOUSEKEEPING_MS = 60_000;
/** How often the report rollups count the customer messages stored since (reports also do it before they read). */
const ROLLUP_CATCH_UP_MS = 5_000;

/** How long the bot may take to answer before the customer sees it typing. */
const BOT_TYPING_AFTER_MS = 400;

/** Everything one server process runs on. */
export type Container = {
  config: Config;
  database: DatabaseHandle;
  redisEndpoint: RedisEndpoint;
  /** A general-purpose Redis connection (health checks, the socket.io adapter's publisher). */
  redis: Redis;
  redisPrefix: string;
  queue: QueueSystem;
  events: EventBus;
  analyzer: Analyzer;
  deps: ServiceDeps;
  bot: BotRuntime;
  /** Rate limits and login lockouts, counted in Redis under the installation's prefix (shared by all nodes). */
  limits: RateLimits;
  /** Runs the bot's owed answers on this node and recovers what a crash left. */
  answers: Answerer;
  /** Files customers sent (email attachments), under DATA_DIR/attachments. */
  attachments: AttachmentFiles;
  /** The inbound SMTP server of the email channel, when SMTP_PORT is set. */
  smtp: EmailServer | undefined;
  close(): Promise<void>;
};

/** Options tests and tools use to vary the container. */
export type ContainerOptions = {
  database?: DatabaseTarget;
  redisPrefix?: string;
  /** Run job processors in this process (default true). */
  processJobs?: boolean;
  analyzer?: Analyzer;
  now?: () => Date;
  /** Lease and recoverer timings of the bot's answers (tests shorten them). */
  turnTimings?: TurnTimings;
};

/** Opens the database (and migrates it), finds Redis, loads the NLP models, and wires modules, jobs and the bot. */
export async function createContainer(config: Config, options: ContainerOptions = {}): Promise<Container> {
  // The database (its own thread for PGlite), Redis and the NLP models start side by side: start-up is the slowest of them.
  const opening = openDatabase(options.database ?? (config.databaseUrl ? { url: config.databaseUrl } : { pgliteDir: config.dataDir, sharedBuffers: config.pgliteSharedBuffers })).then(
    async (handle) => {
      await handle.migrate().catch(async (error: unknown) => {
        await handle.close().catch(() => undefined);
        throw error;
      });
      return handle;
    },
  );
  const [opened, redisFound, analyzerLoaded] = await Promise.allSettled([
    opening,
    ensureRedis({ url: config.redisUrl, urlGiven: config.redisUrlGiven, dataDir: config.dataDir }),
    options.analyzer ?? createAnalyzer(),
  ]);
  if (opened.status === "rejected" || redisFound.status === "rejected" || analyzerLoaded.status === "rejected") {
    // Release what did start, then report the first failure.
    if (opened.status === "fulfilled") await opened.value.close().catch(() => undefined);
    if (redisFound.status === "fulfilled") await redisFound.value.stop().catch(() => undefined);
    throw [opened, redisFound, analyzerLoaded].find((r) => r.status === "rejected")?.reason;
  }
  const database = opened.value;
  const redisEndpoint = redisFound.value;
  const analyzer = analyzerLoaded.value;
  // A model retrained from the console and accepted is kept under DATA_DIR: a restart answers with it too.
  const retrained = await loadRetrainedModel(config.dataDir).catch((error: unknown) => {
    log.error({ err: error }, "the retrained intent model in DATA_DIR cannot be read; using the shipped one");
    return undefined;
  });
  if (retrained) analyzer.intentModel = retrained;
  const redis = new Redis(redisEndpoint.url, { maxRetriesPerRequest: 2 });
  redis.on("error", (error) => log.warn({ err: error }, "redis connection error"));
  const redisPrefix = options.redisPrefix ?? config.redisPrefix;
  const events = createEventBus((error, name) => log.error({ err: error, event: name }, "event listener failed"));

  // The answer runner calls the bot, which needs the deps, which need the runner: the holder breaks the cycle.
  const holder: { bot?: BotRuntime } = {};
  const answer: AnswerTurn = async (message, conversation) => {
    // "The bot is typing" only when an answer takes a noticeable time: a quick one would just make it flicker.
    const typing = (on: boolean): void =>
      events.emit("typing.changed", { conversationId: conversation.id, sender: { type: "bot", name: "Switchboard Bot" }, typing: on });
    let shown = false;
    const timer = setTimeout(() => {
      shown = true;
      typing(true);
    }, BOT_TYPING_AFTER_MS);
    try {
      return (await holder.bot?.answerWidgetMessage(toTurn(message, conversation), conversation.customerId)) ?? {};
    } finally {
      clearTimeout(timer);
      if (shown) typing(false);
    }
  };
  const answers = createAnswerer({ db: database.db }, answer, options.turnTimings);
  const deliverJob = defineJob<{ messageId: string }>({
    name: DELIVER_JOB,
    attempts: config.delivery.attempts,
    backoffMs: config.delivery.backoffMs,
    concurrency: 20,
    perform: ({ messageId }, attempt) => deliverMessage(deps, senders, messageId, attempt),
  });
  // One import at a time per node, run once: a crash mid-way is resumed by bull's stalled-job check from the last committed batch.
  const importJob = defineJob<ImportJobPayload>({ name: IMPORT_JOB, attempts: 1, concurrency: 1, perform: (payload) => runImport(deps, payload) });
  const attachments = createAttachmentFiles(path.join(config.dataDir, "attachments"));
  // Each run reads the inboxes afresh (an imapUrl added, changed or removed counts from the next poll); a mailbox that
  // fails is logged and polled again next time, so the run itself never fails.
  const emailPollJob = defineJob<Record<string, never>>({
    name: EMAIL_POLL_JOB,
    attempts: 1,
    concurrency: 1,
    perform: async () => {
      await pollMailboxes(deps, { files: attachments, maxBytes: config.emailMaxBytes });
    },
  });
  // Another node accepted a retrained model: it is in the shared DATA_DIR, read it (see README, "Retraining").
  const modelNews = createBroadcast(redisEndpoint.url, `${redisPrefix}:intent-model`, () => {
    loadRetrainedModel(config.dataDir)
      .then((model) => {
        if (model) analyzer.intentModel = model;
      })
      .catch((error: unknown) => log.error({ err: error }, "could not load the intent model another node retrained"));
  });
  // One retraining at a time per node; its worker thread does the training, so this thread keeps serving.
  const trainJob = defineJob<TrainJobPayload>({
    name: TRAIN_JOB,
    attempts: 1,
    concurrency: 1,
    perform: (payload) => runTraining(deps, { dataDir: config.dataDir, announce: (id) => modelNews.publish(id) }, payload),
  });
  // One scan at a time per node; a scan that fails is logged and the next one picks up the same rows (all state is in the database).
  const slaScanJob = defineJob<Record<string, never>>({
    name: SLA_SCAN_JOB,
    attempts: 1,
    concurrency: 1,
    perform: async () => {
      await runSlaScan(deps);
    },
  });
  // One batch per run (the throttle, or 200 sends); a run that fails leaves its unsent rows queued for the next one.
  const campaignSendJob = defineJob<CampaignSendPayload>({
    name: CAMPAIGN_SEND_JOB,
    attempts: 3,
    concurrency: 2,
    perform: (payload) => runCampaignSend(deps, campaignMailer(deps), payload),
  });
  // One refresh at a time per node, run once: a failure is recorded on the run and the next schedule (or a manager) tries again.
  const insightsJob = defineJob<InsightsJobPayload>({
    name: INSIGHTS_REFRESH_JOB,
    attempts: 1,
    concurrency: 1,
    perform: (payload) => runRefresh(deps, config.insights, payload),
  });
  // One scan at a time per node, run once: the next schedule scans again (a spike is stored once, whichever scan sees it).
  const alertsJob = defineJob<Record<string, never>>({
    name: REPORT_ALERTS_JOB,
    attempts: 1,
    concurrency: 1,
    perform: async () => {
      await scanAlerts(deps, config.alerts, alertMailer(deps));
    },
  });
  const queue = createQueueSystem({
    redisUrl: redisEndpoint.url,
    prefix: redisPrefix,
    jobs: [deliverJob, importJob, emailPollJob, trainJob, slaScanJob, campaignSendJob, insightsJob, alertsJob] as never[],
    process: options.processJobs ?? true,
  });
  const deps: ServiceDeps = { db: database.db, events, queue, analyzer, answers, now: options.now ?? (() => new Date()), secrets: createSecretBox(config.secretsKey), sessions: config.sessions, csat: config.csat };
  const senders = channelSenders(deps, { publicUrl: config.publicUrl, botFramework: config.botFramework });
  const bot = createBotRuntime(moduleBotServices(deps), childLogger("bot"));
  holder.bot = bot;

  // Recovery starts with the container: answers a crash left owed are given as soon as the database is open.
  // PGlite belongs to this process alone, so every lease in it is a dead run's.
  await answers.start({ exclusive: database.kind === "pglite" });

  events.on("message.created", ({ conversationId, senderType }) => {
    if (senderType !== "agent") return;
    noteAgentReply(deps, conversationId, deps.now()).catch((error: unknown) => log.error({ err: error }, "could not stamp first response"));
  });

  // SLA timers follow the ticket (opened, re-prioritised, resolved) and its messages (an agent's reply meets a response
  // target); a change is announced again so the consoles show the new due time.
  events.on("ticket.updated", ({ ticketId }) => {
    syncTicketSla(deps, ticketId)
      .then((changed) => changed && events.emit("ticket.updated", { ticketId }))
      .catch((error: unknown) => log.error({ err: error, ticketId }, "could not time the ticket's SLA"));
  });
  events.on("message.created", (event) => {
    slaOnMessage(deps, event)
      .then((ticketId) => ticketId && events.emit("ticket.updated", { ticketId }))
      .catch((error: unknown) => log.error({ err: error, messageId: event.messageId }, "could not update the ticket's SLA"));
  });

  // A customer asking to buy opens a lead, beside (never before) the bot's answer.
  events.on("message.created", (event) => leadOnMessage(deps, event, (error) => log.error({ err: error, messageId: event.messageId }, "could not open a chat lead")));
  // A clearly negative message after hand-off raises the ticket's priority; a failure is logged, the message stays.
  events.on("message.created", (event) => {
    escalateOnSentiment(deps, event).catch((error: unknown) => log.error({ err: error, messageId: event.messageId }, "could not raise the ticket's priority"));
  });
  // A customer writing to humans outside the inbox's business hours gets its offline message, once per conversation.
  events.on("message.created", (event) => {
    offlineOnMessage(deps, event).catch((error: unknown) => log.error({ err: error, messageId: event.messageId }, "could not send the offline message"));
  });
  // Label rules (intent → label) run beside the answer too; a failure is logged, the message stays.
  events.on("message.created", (event) => {
    labelOnMessage(deps, event).catch((error: unknown) => log.error({ err: error, messageId: event.messageId }, "could not apply label rules"));
  });

  // Campaigns: a customer message after a campaign reached them is a reply; "stop" or "unsubscribe" opts them out.
  events.on("message.created", (event) => {
    campaignsOnMessage(deps, event).catch((error: unknown) => log.error({ err: error, messageId: event.messageId }, "could not note a campaign reply or opt-out"));
  });

  // An erasure rewrote stored messages and dropped conversation addresses: what this process remembers of them goes too.
  events.on("customer.erased", () => forgetRecentMessages(deps.db));
  // The files their messages listed go from the disk too, unless another message lists the same file.
  events.on("customer.erased", ({ customerId, attachmentHashes }) => {
    removeUnlistedAttachments(deps, attachments, attachmentHashes).catch((error: unknown) => log.error({ err: error, customerId }, "could not delete an erased customer's attachment files"));
  });

  // Sessions that expire with a console still open end here (their sockets close); requests end idle ones themselves.
  const sessionSweep = setInterval(() => {
    endExpiredSessions(deps).catch((error: unknown) => log.warn({ err: error }, "could not end expired sessions"));
  }, SESSION_SWEEP_MS);
  sessionSweep.unref();
  // Widget visitors that never wrote are forgotten after VISITOR_RETENTION_DAYS (first sweep a minute after start).
  const sweepVisitors = (): void => {
    forgetIdleVisitors(deps, config.visitorRetentionMs)
      .then((n) => n > 0 && log.info({ visitors: n }, "forgot idle widget visitors"))
      .catch((error: unknown) => log.warn({ err: error }, "could not forget idle widget visitors"));
  };
  const visitorSweep = setInterval(sweepVisitors, VISITOR_SWEEP_MS);
  visitorSweep.unref();
  const firstVisitorSweep = setTimeout(sweepVisitors, 60_000);
  firstVisitorSweep.unref();
  // The embedded database has no autovacuum: its housekeeping runs here, at start and then every minute (a server's
  // own daemon does it).
  const housekeep = (): void => {
    database.housekeep().catch((error: unknown) => log.warn({ err: error }, "database housekeeping failed"));
  };
  const housekeeping = setInterval(housekeep, HOUSEKEEPING_MS);
  housekeeping.unref();
  const firstHousekeeping = setTimeout(housekeep, 0);
  firstHousekeeping.unref();
  // Batches of stored messages into the report rollups, off the messages' own path (see schema/reports.ts).
  const rollupCatchUp = setInterval(() => {
    catchUpRollups(deps.db).catch((error: unknown) => log.warn({ err: error }, "could not count new messages into the report rollups"));
  }, ROLLUP_CATCH_UP_MS);
  rollupCatchUp.unref();

  const container: Container = {
    config,
    database,
    redisEndpoint,
    redis,
    redisPrefix,
    queue,
    events,
    analyzer,
    deps,
    bot,
    limits: createRateLimits(redis, redisPrefix, config.rateLimits),
    answers,
    attachments,
    smtp: undefined,
    async close() {
      await container.smtp?.close();
      clearInterval(sessionSweep);
      clearInterval(visitorSweep);
      clearTimeout(firstVisitorSweep);
      clearInterval(housekeeping);
      clearTimeout(firstHousekeeping);
      clearInterval(rollupCatchUp);
      await answers.close();
      // bull waits for Redis to close cleanly; during an outage give up after a few seconds.
      await Promise.race([queue.close(), new Promise((resolve) => setTimeout(resolve, 3000).unref())]).catch((error: unknown) =>
        log.warn({ err: error }, "closing queues failed"),
      );
      redis.disconnect();
      await modelNews.close();
      await database.close();
      await redisEndpoint.stop();
    },
  };
  // One schedule for all nodes under the prefix: each poll runs on one of them (IMAP_POLL_SECONDS=0 removes it).
  if (options.processJobs ?? true) {
    await queue.every(EMAIL_POLL_JOB, config.imapPollMs).catch((error: unknown) => log.warn({ err: error }, "could not schedule the IMAP polls"));
    await queue.every(SLA_SCAN_JOB, config.slaScanMs).catch((error: unknown) => log.warn({ err: error }, "could not schedule the SLA scans"));
    await queue.every(INSIGHTS_REFRESH_JOB, config.insights.refreshMs).catch((error: unknown) => log.warn({ err: error }, "could not schedule the insights refresh"));
    await queue.every(REPORT_ALERTS_JOB, config.alerts.scanMs).catch((error: unknown) => log.warn({ err: error }, "could not schedule the alert scans"));
  }
  // Last, once everything a mail is stored with is ready: the server answers 250 only for a stored mail.
  if (config.smtp) {
    try {
      container.smtp = await startEmailServer(deps, { ...config.smtp, files: attachments });
    } catch (error) {
      await container.close().catch(() => undefined);
      throw error;
    }
  }
  return container;
}
