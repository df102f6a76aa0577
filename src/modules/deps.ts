/** What every module service is built from: the database, the event bus, the queue system, the NLP pipeline and a clock. */
import type { Database } from "../db/index.ts";
import type { EventBus } from "../events.ts";
import type { Analyzer } from "../nlp/index.ts";
import type { QueueSystem } from "../queue/index.ts";

/** Dependencies handed to each service factory by the container. */
export type ServiceDeps = {
  db: Database;
  events: EventBus;
  queue: QueueSystem;
  analyzer: Analyzer;
  now: () => Date;
  /** How long console sessions last (the defaults of SESSION_IDLE_MINUTES and SESSION_MAX_AGE_HOURS when absent). */
  sessions?: { idleMs: number; maxAgeMs: number };
};
