/** pino logging: one root logger, child loggers per area, personal data redacted. */
import { pino, type Logger } from "pino";

const root = pino({
  level: process.env.LOG_LEVEL ?? "info",
  redact: { paths: ["password", "*.password", "text", "*.text", "email", "*.email", "phone", "*.phone", "req.headers.cookie"], censor: "[redacted]" },
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
