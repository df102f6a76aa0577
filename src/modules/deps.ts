/** What every module service is built from: the database, the event bus, the queue system, the NLP pipeline, the bot's answer runner and a clock. */
import type { Database } from "../db/index.ts";
import type { EventBus } from "../events.ts";
import type { Analyzer } from "../nlp/index.ts";
import type { QueueSystem } from "../queue/index.ts";
import type { ConversationRow, MessageRow } from "./conversations/conversations.repo.ts";
import type { SecretBox } from "./inboxes/secret-box.ts";

/** Runs the bot's owed answers (built by the container over the bot): the conversations service reports commits to it. */
export type AnswerPort = {
  /** How long a turn lease lasts; the statement that commits a message takes one for this long. */
  leaseMs: number;
  /** A customer message was committed and this node took the conversation's turn lease (`token`): answer what is owed, soon. `message` is set when it is the only one owed. */
  committed(grant: { token: string; conversation: ConversationRow; message?: MessageRow }): void;
  /** An answer is owed (a resent message, say): take the lease if nobody holds it and answer. */
  kick(conversationId: string): void;
};

/** Dependencies handed to each service factory by the container. */
export type ServiceDeps = {
  db: Database;
  events: EventBus;
  queue: QueueSystem;
  analyzer: Analyzer;
  answers: AnswerPort;
  now: () => Date;
  /** Seals and opens inboxes' channel settings (keyed by SECRETS_KEY). */
  secrets: SecretBox;
  /** How long console sessions last (the defaults of SESSION_IDLE_MINUTES and SESSION_MAX_AGE_HOURS when absent). */
  sessions?: { idleMs: number; maxAgeMs: number };
  /** The CSAT survey: on or off (CSAT) and the channel reply window (CSAT_REPLY_HOURS); on and 24 h when absent. */
  csat?: { enabled: boolean; replyWindowMs: number };
};
