/**
 * The bot's owed answers: every customer message the bot owes an answer is owed from the statement that commits it
 * (conversations.owed_seq); one node at a time holds a conversation's turn lease and answers what is owed in seq order,
 * marking each answered in the statement that saves the bot's memory. The committing node drains at once; a recoverer on
 * every node picks up what a crash or a failure left.
 */
import { randomUUID } from "node:crypto";
import { childLogger } from "../../logger.ts";
import type { AnswerPort, ServiceDeps } from "../deps.ts";
import type { ConversationRow, MessageRow } from "./conversations.repo.ts";
import { getMessage } from "./conversations.service.ts";
import {
  clearTurnLeases,
  findOwedTurns,
  findUnleasedOwedConversations,
  finishTurn,
  releaseTurnLease,
  renewTurnLease,
  takeTurnLease,
} from "./turns.repo.ts";

const log = childLogger("turns");

/** What a bot turn reports: the memory to save with the answer (absent when unchanged). A turn that failed has apologised: that is its answer. */
export type TurnOutcome = { botState?: ConversationRow["botState"] };

/** Runs the bot's turn for one owed message of a conversation the bot owns; replies must be keyed by the message id. */
export type AnswerTurn = (message: MessageRow, conversation: ConversationRow) => Promise<TurnOutcome>;

/** Timings of the lease and the recoverer (tests shorten them). */
export type TurnTimings = {
  /** How long a lease lasts without renewal: how long a crashed node's conversations wait on a shared database. */
  leaseMs: number;
  /** How often every node looks for owed answers nobody is giving. */
  recoverEveryMs: number;
};

/** The default timings: a lease of 10 s renewed every ~3 s, a recovery pass every 2 s. */
export const TURN_TIMINGS: TurnTimings = { leaseMs: 10_000, recoverEveryMs: 2_000 };

/** How many owed messages one read of a conversation fetches. */
const OWED_BATCH = 20;
/**
 * How many turns one node runs at once. A turn mostly waits on the database, so many run side by side; beyond this,
 * under overload, more would only queue their statements in front of new messages' commits and slow every acknowledgement.
 */
const MAX_CONCURRENT_TURNS = 50;

/** At most `limit` tasks at a time; the others wait in arrival order. */
function createLimiter(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    // A finishing task hands its slot straight to the first waiter, so none can be taken in between.
    if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    else active++;
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}

/** The answer runner of one node: drains conversations, recovers, closes. */
export type Answerer = AnswerPort & {
  /** One recovery pass: drains every conversation that owes an answer and has no live lease; resolves with how many it took. */
  recoverOnce(): Promise<number>;
  /** Starts the periodic recoverer; `exclusive` first drops every lease (PGlite: no other process shares it). */
  start(options: { exclusive: boolean }): Promise<void>;
  /** Resolves once no drain runs on this node. */
  idle(): Promise<void>;
  /** Stops the recoverer and waits (a few seconds at most) for drains in flight. */
  close(): Promise<void>;
};

/** Builds the answer runner over the database; `answer` runs one bot turn. */
export function createAnswerer(deps: Pick<ServiceDeps, "db">, answer: AnswerTurn, timings: TurnTimings = TURN_TIMINGS): Answerer {
  const { leaseMs } = timings;
  const running = new Set<Promise<void>>();
  const limited = createLimiter(MAX_CONCURRENT_TURNS);
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const finish = (conversationId: string, token: string, seq: number, botState: ConversationRow["botState"] | null) =>
    finishTurn(deps.db, { conversationId, token, seq, botState, leaseMs });

  /** Answers what the conversation owes, in seq order, while the lease is ours; releases it when nothing is left. */
  async function drain(conversationId: string, token: string, first?: { conversation: ConversationRow; messages: MessageRow[] }): Promise<void> {
    const renew = setInterval(() => {
      renewTurnLease(deps.db, { conversationId, token, leaseMs }).catch((error: unknown) => log.warn({ err: error, conversationId }, "could not renew a turn lease"));
    }, Math.max(50, Math.floor(leaseMs / 3)));
    renew.unref();
    try {
      let conversation = first?.conversation;
      let queue = first?.messages ?? [];
      for (;;) {
        if (!conversation) {
          const owed = await findOwedTurns(deps.db, conversationId, OWED_BATCH);
          if (!owed || owed.conversation.turnLeaseOwner !== token) return;
          conversation = owed.conversation;
          queue = (await Promise.all(owed.messageIds.map((id) => getMessage(deps, id)))).filter((m): m is MessageRow => m !== undefined);
        }
        for (const message of queue) {
          if (conversation.status !== "bot") break;
          if (message.seq <= conversation.answeredSeq) continue;
          const turn = conversation;
          // Waiting for a slot, the lease is renewed like during the turn.
          const next = await limited(async () => {
            const outcome = await answer(message, turn);
            return finish(conversationId, token, message.seq, outcome.botState ?? null);
          });
          // The lease expired and another node took over: it answers the rest.
          if (!next) return;
          // Released in the same statement: nothing newer is owed.
          if (next.turnLeaseOwner === null) return;
          conversation = next;
        }
        // Humans own the conversation (or nothing was left to read): the bot owes nothing up to owed_seq.
        if (conversation.status !== "bot" || queue.length === 0) {
          const next = await finish(conversationId, token, conversation.owedSeq, null);
          if (!next || next.turnLeaseOwner === null) return;
        }
        conversation = undefined;
      }
    } catch (error) {
      log.error({ err: error, conversationId }, "answering a conversation failed; the recoverer retries it");
      await releaseTurnLease(deps.db, { conversationId, token }).catch(() => undefined);
    } finally {
      clearInterval(renew);
    }
  }

  /** Counts the work as running until it settles (close() waits for it). */
  function track<T>(work: Promise<T>): Promise<T> {
    const settled: Promise<void> = work.then(
      () => undefined,
      () => undefined,
    );
    running.add(settled);
    void settled.then(() => running.delete(settled));
    return work;
  }

  /** Runs work after the current callbacks: the caller's acknowledgement goes out before the turn's first statement. */
  function soon(work: () => Promise<unknown>): void {
    void track(new Promise<void>((resolve) => setImmediate(resolve)).then(work));
  }

  async function takeAndDrain(conversationId: string): Promise<boolean> {
    const token = randomUUID();
    const conversation = await takeTurnLease(deps.db, { conversationId, token, leaseMs });
    if (!conversation) return false;
    await drain(conversationId, token);
    return true;
  }

  const answerer: Answerer = {
    leaseMs,
    committed({ token, conversation, message }) {
      soon(() => drain(conversation.id, token, message ? { conversation, messages: [message] } : undefined));
    },
    kick(conversationId) {
      soon(() => takeAndDrain(conversationId).catch((error: unknown) => log.error({ err: error, conversationId }, "could not take a turn lease")));
    },
    async recoverOnce() {
      const ids = await findUnleasedOwedConversations(deps.db, 50);
      const taken = await Promise.all(
        ids.map((id) =>
          track(takeAndDrain(id)).catch((error: unknown) => {
            log.warn({ err: error, conversationId: id }, "could not take a turn lease");
            return false;
          }),
        ),
      );
      const count = taken.filter(Boolean).length;
      if (count) log.info({ conversations: count }, "answered what a crash or a failure left owed");
      return count;
    },
    async start({ exclusive }) {
      if (exclusive) {
        const cleared = await clearTurnLeases(deps.db);
        if (cleared) log.info({ conversations: cleared }, "dropped the turn leases of the previous run");
      }
      // A little jitter, so that nodes started together do not look at the same moment.
      const next = (): void => {
        if (!closed) timer = setTimeout(pass, timings.recoverEveryMs + Math.floor(Math.random() * 250)).unref();
      };
      const pass = (): void => {
        if (closed) return;
        track(answerer.recoverOnce())
          .catch((error: unknown) => log.warn({ err: error }, "the recovery pass failed"))
          .finally(next);
      };
      // The first pass waits one period: by then the process serves its sockets, so recovered answers reach customers live.
      next();
    },
    async idle() {
      while (running.size) await Promise.allSettled([...running]);
    },
    async close() {
      closed = true;
      clearTimeout(timer);
      await Promise.race([answerer.idle(), new Promise((resolve) => setTimeout(resolve, 3000).unref())]);
    },
  };
  return answerer;
}
