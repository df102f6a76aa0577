/** pino logging: one root logger, child loggers per area, personal data and credentials redacted. */
import { pino, stdSerializers, type Logger } from "pino";

/** Fields whose values never reach a log line, at the top level or one object down (`*.field`). */
const REDACTED_FIELDS = [
  "password",
  "currentPassword",
  "newPassword",
  "text",
  "email",
  "phone",
  "token",
  "visitorId",
  "identifier",
  "identifierHash",
  "userJwt",
  "secret",
];

/** The lines of a database error that carry a statement's values (Drizzle appends `params: …` to its message). */
const QUERY_PARAMS_LINE = /\nparams: [\s\S]*?(?=\n {4}at |$)/g;

/**
 * Serialises an error without the values of the statement that failed: Drizzle puts every parameter (message text,
 * emails, token hashes) into its error's message and stack, and PostgreSQL's `detail` repeats a conflicting key.
 */
export function serializeError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  return scrub(stdSerializers.errWithCause(error), 0);
}

function scrub(value: unknown, depth: number): unknown {
  if (typeof value === "string") return value.replace(QUERY_PARAMS_LINE, "\nparams: [redacted]");
  if (!value || typeof value !== "object" || depth > 5) return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] = key === "params" || key === "detail" ? "[redacted]" : scrub(inner, depth + 1);
  }
  return out;
}

const root = pino({
  level: process.env.LOG_LEVEL ?? "info",
  serializers: { err: serializeError },
  redact: {
    paths: [...REDACTED_FIELDS.flatMap((field) => [field, `*.${field}`]), "req.headers.cookie", "req.headers.authorization"],
    censor: "[redacted]",
  },
});

/** Returns a logger tagged with the area of the code it serves ("http", "bot", "queue" …). */
export function childLogger(area: string): Logger {
  return root.child({ area });
}

/** Changes the level of every logger (the config's LOG_LEVEL). */
export function setLogLevel(level: string): void {
  root.level = level;
}

export type { Logger };
