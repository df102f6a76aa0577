/** The only reader of process.env: validates every setting with zod, reports all problems at once, and freezes the result. */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

/** A rate limit: at most `points` actions per `durationSec` seconds (a fixed window that starts at the first action). */
export type RateRule = Readonly<{ points: number; durationSec: number }>;

/** Every rate limit and lockout setting; a rule left undefined ("off") is not enforced. */
export type RateLimitSettings = Readonly<{
  loginPerIp?: RateRule;
  loginLockoutAfter: number;
  loginLockoutSec: number;
  loginLockoutMaxSec: number;
  widgetMessagesPerVisitor?: RateRule;
  widgetMessagesBurst?: RateRule;
  widgetMessagesPerIp?: RateRule;
  widgetConnectionsPerIp?: RateRule;
  widgetConcurrentPerIp?: number;
  apiPerSession?: RateRule;
  apiPerKey?: RateRule;
  apiPerIp?: RateRule;
}>;

// "N/S" is N actions per S seconds; "off" (or "0") turns the limit off.
const rate = (fallback: string) =>
  z
    .string()
    .regex(/^(off|0|[1-9]\d{0,8}\/[1-9]\d{0,7})$/, 'must be "N/S" (N actions per S seconds, e.g. "10/60") or "off"')
    .default(fallback)
    .transform((value): RateRule | undefined => {
      if (value === "off" || value === "0") return undefined;
      const [points, durationSec] = value.split("/").map(Number);
      return { points, durationSec };
    });

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional(),
  PGLITE_SHARED_BUFFERS: z
    .string()
    .regex(/^[1-9]\d*(kB|MB|GB)$/, "must be a size such as 32MB or 1GB")
    .refine((size) => sizeInKB(size) >= 128, "must be at least 128kB (PostgreSQL's minimum)")
    .default("32MB"),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, "must start with redis:// or rediss://").optional(),
  REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9:_-]{1,64}$/, "must be 1–64 letters, digits, ':', '_' or '-'").default("switchboard"),
  PUBLIC_URL: z.url("must be a URL such as https://support.example.com").optional(),
  SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  SECRETS_KEY: z.string().min(32, "must be at least 32 characters").optional(),
  DELIVERY_ATTEMPTS: z.coerce.number().int("must be a whole number").min(1, "must be at least 1").max(20, "must be at most 20").default(5),
  DELIVERY_BACKOFF_MS: z.coerce.number().int("must be a whole number").min(1, "must be at least 1").max(3_600_000, "must be at most an hour").default(2000),
  SMTP_PORT: z.coerce.number().int("must be a whole number").min(0, "must be 0–65535").max(65535, "must be 0–65535").optional(),
  SMTP_HOST: z.string().min(1).optional(),
  EMAIL_MAX_BYTES: z.coerce.number().int("must be a whole number").min(1024, "must be at least 1024").max(100 * 1024 * 1024, "must be at most 100 MiB").default(10 * 1024 * 1024),
  IMAP_POLL_SECONDS: z.coerce
    .number()
    .int("must be a whole number")
    .min(0, "must be 0 (off) or 5–86400")
    .max(86_400, "must be at most a day")
    .refine((n) => n === 0 || n >= 5, "must be 0 (off) or at least 5")
    .default(60),
  SLA_SCAN_SECONDS: z.coerce
    .number()
    .int("must be a whole number")
    .min(0, "must be 0 (off) or 5–3600")
    .max(3_600, "must be at most an hour")
    .refine((n) => n === 0 || n >= 5, "must be 0 (off) or at least 5")
    .default(30),
  INSIGHTS_REFRESH_HOURS: z.coerce
    .number()
    .min(0, "must be 0 (off) or 0.25–720")
    .max(720, "must be at most 30 days")
    .refine((n) => n === 0 || n >= 0.25, "must be 0 (off) or at least 0.25 (15 minutes)")
    .default(24),
  INSIGHTS_CHURN_DAYS: z.coerce.number().int("must be a whole number").min(7, "must be at least 7").max(730, "must be at most two years").default(90),
  INSIGHTS_SEGMENTS: z.coerce.number().int("must be a whole number").min(2, "must be 2–10").max(10, "must be 2–10").optional(),
  CSAT: z.enum(["on", "off"], { error: 'must be "on" or "off"' }).default("on"),
  CSAT_REPLY_HOURS: z.coerce.number().positive("must be more than 0").max(720, "must be at most 30 days").default(24),
  ALERT_SCAN_MINUTES: z.coerce
    .number()
    .int("must be a whole number")
    .min(0, "must be 0 (off) or 1–1440")
    .max(1_440, "must be at most a day")
    .default(10),
  ALERT_MIN_NEGATIVE: z.coerce.number().int("must be a whole number").min(1, "must be at least 1").max(100_000, "must be at most 100000").default(5),
  ALERT_MIN_MESSAGES: z.coerce.number().int("must be a whole number").min(1, "must be at least 1").max(100_000, "must be at most 100000").default(5),
  ALERT_FLOOR: z.coerce.number().min(0, "must be 0–1").max(1, "must be 0–1").default(0.3),
  SESSION_IDLE_MINUTES: z.coerce.number().int("must be a whole number").min(1, "must be at least 1").max(525_600, "must be at most a year").default(480),
  SESSION_MAX_AGE_HOURS: z.coerce.number().int("must be a whole number").min(1, "must be at least 1").max(8_760, "must be at most a year").default(168),
  // Fractions are allowed (0.05 is three seconds) so tests and demos can watch an agent turn away.
  AGENT_IDLE_MINUTES: z.coerce.number().positive("must be more than 0").max(1_440, "must be at most a day").default(10),
  AGENT_OFFLINE_GRACE_SECONDS: z.coerce.number().min(0, "must be 0 or more").max(3_600, "must be at most an hour").default(10),
  VISITOR_RETENTION_DAYS: z.coerce.number().int("must be a whole number").min(1, "must be at least 1").max(3_650, "must be at most ten years").default(30),
  SWITCHBOARD_ADMIN_EMAIL: z.email("must be an email address").optional(),
  SWITCHBOARD_ADMIN_PASSWORD: z.string().min(8, "must be at least 8 characters").optional(),
  SWITCHBOARD_DEMO: z.enum(["0", "1", "true", "false"], { error: "must be 1 or 0" }).optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  MICROSOFT_APP_ID: z.string().optional(),
  MICROSOFT_APP_PASSWORD: z.string().optional(),
  MICROSOFT_APP_TENANT_ID: z.string().optional(),
  MICROSOFT_APP_TYPE: z.enum(["MultiTenant", "SingleTenant", "UserAssignedMSI"]).optional(),
  BOTFRAMEWORK_ALLOW_UNAUTHENTICATED: z.enum(["0", "1", "true", "false"], { error: "must be 1 or 0" }).optional(),
  NODE_ENV: z.string().optional(),
  RATE_LIMITS: z.enum(["on", "off"], { error: 'must be "on" or "off"' }).default("on"),
  RATE_LIMIT_LOGIN_IP: rate("20/60"),
  LOGIN_LOCKOUT_AFTER: z.coerce.number().int().min(1).max(1000).default(5),
  LOGIN_LOCKOUT_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  LOGIN_LOCKOUT_MAX_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
  RATE_LIMIT_WIDGET_MESSAGES_VISITOR: rate("1/1"),
  RATE_LIMIT_WIDGET_MESSAGES_BURST: rate("10/60"),
  RATE_LIMIT_WIDGET_MESSAGES_IP: rate("300/60"),
  RATE_LIMIT_WIDGET_CONNECTIONS_IP: rate("120/60"),
  WIDGET_MAX_CONNECTIONS_PER_IP: z.coerce.number().int().min(0).max(1_000_000).default(100),
  RATE_LIMIT_API_SESSION: rate("600/60"),
  RATE_LIMIT_API_KEY: rate("600/60"),
  RATE_LIMIT_API_IP: rate("300/60"),
});

/** A PostgreSQL memory size ("32MB") in kB. */
function sizeInKB(size: string): number {
  const [, n, unit] = /^(\d+)(kB|MB|GB)$/.exec(size) ?? [];
  return Number(n) * (unit === "GB" ? 1024 * 1024 : unit === "MB" ? 1024 : 1);
}

/** Validated, frozen configuration of one server process. */
export type Config = Readonly<{
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** PostgreSQL's shared_buffers for the embedded PGlite (its page cache, resident from the start). */
  pgliteSharedBuffers: string;
  redisUrl: string;
  redisUrlGiven: boolean;
  redisPrefix: string;
  publicUrl: string | undefined;
  sessionSecret: string;
  /** Seals inbox settings (channel credentials) at rest: SECRETS_KEY, or a key generated into DATA_DIR/secrets-key. */
  secretsKey: string;
  /** Outbound channel delivery: attempts per message, and the first retry's delay (doubling after; a provider's Retry-After wins). */
  delivery: { attempts: number; backoffMs: number };
  /**
   * The inbound SMTP server (the email channel's MX or relay target): undefined unless SMTP_PORT is set; it listens on
   * `host` (SMTP_HOST, else HOST) and refuses mail larger than `maxBytes` (EMAIL_MAX_BYTES), attachments included.
   */
  smtp: { port: number; host: string; maxBytes: number } | undefined;
  /** The largest email accepted, attachments included (EMAIL_MAX_BYTES), for SMTP and IMAP alike. */
  emailMaxBytes: number;
  /** How often the email inboxes with an `imapUrl` are polled (IMAP_POLL_SECONDS), in ms; 0 when polling is off. */
  imapPollMs: number;
  /** How often SLA timers are scanned for warnings and breaches (SLA_SCAN_SECONDS), in ms; 0 when off. */
  slaScanMs: number;
  /**
   * Customer insights (docs/insights.md): how often the insights.refresh job runs (INSIGHTS_REFRESH_HOURS, in ms; 0 when
   * off), the days without an order that make an active customer churned (INSIGHTS_CHURN_DAYS), and a fixed number of
   * segments (INSIGHTS_SEGMENTS; chosen by silhouette over 2–10 when absent).
   */
  insights: { refreshMs: number; churnDays: number; segments: number | undefined };
  /** The CSAT survey asked on resolution (CSAT=on|off) and how long a channel reply still counts as the rating (CSAT_REPLY_HOURS). */
  csat: { enabled: boolean; replyWindowMs: number };
  /**
   * Negative-sentiment alerts (README, Alerts): the reports.alerts job's interval (ALERT_SCAN_MINUTES, in ms; 0 off), the
   * negative messages an hour needs to alert (ALERT_MIN_NEGATIVE), the messages a history hour needs to count
   * (ALERT_MIN_MESSAGES), and the share no alert is raised at or below (ALERT_FLOOR).
   */
  alerts: { scanMs: number; minNegative: number; minMessages: number; floor: number };
  /** Console sessions end after idleMs without a request, and maxAgeMs after login whatever happens. */
  sessions: { idleMs: number; maxAgeMs: number };
  /** An online agent turns away after idleMs without console input, and offline offlineGraceMs after their last console closes. */
  presence: { idleMs: number; offlineGraceMs: number };
  /** Widget visitors that never wrote nor were verified are forgotten after this long idle (VISITOR_RETENTION_DAYS). */
  visitorRetentionMs: number;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  /** Demo mode: load the demo shop and demo accounts on start (`--demo` or SWITCHBOARD_DEMO=1). */
  demo: boolean;
  logLevel: string;
  /**
   * The Bot Framework channel: Azure credentials, or `allowUnauthenticated` (BOTFRAMEWORK_ALLOW_UNAUTHENTICATED=1, never in
   * production): activities without a token are taken and answered at their serviceUrl, as with the Bot Framework Emulator.
   */
  botFramework: { appId?: string; appPassword?: string; tenantId?: string; appType?: string; allowUnauthenticated: boolean };
  /** Rate limits, or undefined when RATE_LIMITS=off. */
  rateLimits: RateLimitSettings | undefined;
}>;

/** Thrown when the environment holds invalid settings; the message names every bad variable. */
export class ConfigError extends Error {}

/** Reads and validates configuration from an environment (process.env by default); creates DATA_DIR and the session secret file when needed. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const blanksRemoved = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ""));
  const parsed = schema.safeParse(blanksRemoved);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join("\n")}`);
  }
  const v = parsed.data;
  const allowUnauthenticated = v.BOTFRAMEWORK_ALLOW_UNAUTHENTICATED === "1" || v.BOTFRAMEWORK_ALLOW_UNAUTHENTICATED === "true";
  if (allowUnauthenticated && v.NODE_ENV === "production") {
    throw new ConfigError(
      "invalid configuration:\n  BOTFRAMEWORK_ALLOW_UNAUTHENTICATED: is refused when NODE_ENV=production (anyone could post activities and make the server call any serviceUrl); set MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD instead",
    );
  }
  if (allowUnauthenticated && v.MICROSOFT_APP_ID) {
    throw new ConfigError("invalid configuration:\n  BOTFRAMEWORK_ALLOW_UNAUTHENTICATED: cannot be combined with MICROSOFT_APP_ID (the local mode has no credentials); unset one of them");
  }
  const dataDir = path.resolve(v.DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  return Object.freeze({
    port: v.PORT,
    host: v.HOST,
    dataDir,
    databaseUrl: v.DATABASE_URL,
    pgliteSharedBuffers: v.PGLITE_SHARED_BUFFERS,
    redisUrl: v.REDIS_URL ?? "redis://127.0.0.1:6379",
    redisUrlGiven: v.REDIS_URL !== undefined,
    redisPrefix: v.REDIS_PREFIX,
    publicUrl: v.PUBLIC_URL?.replace(/\/$/, ""),
    sessionSecret: v.SESSION_SECRET ?? persistentSecret(dataDir, "session-secret"),
    secretsKey: v.SECRETS_KEY ?? persistentSecret(dataDir, "secrets-key"),
    delivery: { attempts: v.DELIVERY_ATTEMPTS, backoffMs: v.DELIVERY_BACKOFF_MS },
    smtp: v.SMTP_PORT === undefined ? undefined : { port: v.SMTP_PORT, host: v.SMTP_HOST ?? v.HOST, maxBytes: v.EMAIL_MAX_BYTES },
    emailMaxBytes: v.EMAIL_MAX_BYTES,
    imapPollMs: v.IMAP_POLL_SECONDS * 1000,
    slaScanMs: v.SLA_SCAN_SECONDS * 1000,
    insights: { refreshMs: Math.round(v.INSIGHTS_REFRESH_HOURS * 3_600_000), churnDays: v.INSIGHTS_CHURN_DAYS, segments: v.INSIGHTS_SEGMENTS },
    csat: { enabled: v.CSAT === "on", replyWindowMs: Math.round(v.CSAT_REPLY_HOURS * 3_600_000) },
    alerts: { scanMs: v.ALERT_SCAN_MINUTES * 60_000, minNegative: v.ALERT_MIN_NEGATIVE, minMessages: v.ALERT_MIN_MESSAGES, floor: v.ALERT_FLOOR },
    sessions: { idleMs: v.SESSION_IDLE_MINUTES * 60_000, maxAgeMs: v.SESSION_MAX_AGE_HOURS * 3_600_000 },
    presence: { idleMs: Math.round(v.AGENT_IDLE_MINUTES * 60_000), offlineGraceMs: Math.round(v.AGENT_OFFLINE_GRACE_SECONDS * 1000) },
    visitorRetentionMs: v.VISITOR_RETENTION_DAYS * 86_400_000,
    adminEmail: v.SWITCHBOARD_ADMIN_EMAIL,
    adminPassword: v.SWITCHBOARD_ADMIN_PASSWORD,
    demo: v.SWITCHBOARD_DEMO === "1" || v.SWITCHBOARD_DEMO === "true",
    logLevel: v.LOG_LEVEL,
    botFramework: {
      appId: v.MICROSOFT_APP_ID,
      appPassword: v.MICROSOFT_APP_PASSWORD,
      tenantId: v.MICROSOFT_APP_TENANT_ID,
      appType: v.MICROSOFT_APP_TYPE,
      allowUnauthenticated,
    },
    rateLimits:
      v.RATE_LIMITS === "off"
        ? undefined
        : Object.freeze({
            loginPerIp: v.RATE_LIMIT_LOGIN_IP,
            loginLockoutAfter: v.LOGIN_LOCKOUT_AFTER,
            loginLockoutSec: v.LOGIN_LOCKOUT_SECONDS,
            loginLockoutMaxSec: Math.max(v.LOGIN_LOCKOUT_MAX_SECONDS, v.LOGIN_LOCKOUT_SECONDS),
            widgetMessagesPerVisitor: v.RATE_LIMIT_WIDGET_MESSAGES_VISITOR,
            widgetMessagesBurst: v.RATE_LIMIT_WIDGET_MESSAGES_BURST,
            widgetMessagesPerIp: v.RATE_LIMIT_WIDGET_MESSAGES_IP,
            widgetConnectionsPerIp: v.RATE_LIMIT_WIDGET_CONNECTIONS_IP,
            widgetConcurrentPerIp: v.WIDGET_MAX_CONNECTIONS_PER_IP || undefined,
            apiPerSession: v.RATE_LIMIT_API_SESSION,
            apiPerKey: v.RATE_LIMIT_API_KEY,
            apiPerIp: v.RATE_LIMIT_API_IP,
          }),
  });
}

// A generated secret must survive restarts, or every console session would be logged out (and sealed inbox settings lost).
function persistentSecret(dataDir: string, name: string): string {
  const file = path.join(dataDir, name);
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const secret = randomBytes(32).toString("hex");
  writeFileSync(file, secret + "\n", { mode: 0o600 });
  return secret;
}
