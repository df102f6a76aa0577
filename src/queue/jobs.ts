/** bull queues: defineJob describes a job once; the queue system enqueues it and runs its processor with retries and backoff. */
import Bull from "bull";
import { childLogger } from "../logger.ts";

const log = childLogger("queue");

/** Which run of a job this is: the first is 1; `last` when a failure will not be retried. */
export type JobAttempt = { number: number; last: boolean };

/**
 * Thrown by a job that should run again: after `retryAfterMs` when the other side said how long to wait (a 429's
 * Retry-After), else after the job's exponential backoff.
 */
export class RetryLaterError extends Error {
  readonly retryAfterMs?: number;

  constructor(message: string, retryAfterMs?: number) {
    super(message);
    this.retryAfterMs = retryAfterMs;
  }
}

/** A job definition: its name (`noun.verb`), how to run it, and its retry policy. */
export type JobDefinition<P> = {
  name: string;
  perform(payload: P, attempt: JobAttempt): Promise<void>;
  attempts?: number;
  backoffMs?: number;
  concurrency?: number;
};

/** Describes a job; the returned value is registered with the queue system. */
export function defineJob<P>(definition: JobDefinition<P>): JobDefinition<P> {
  return definition;
}

/** bull's custom backoff: a RetryLaterError's delay when it names one, else exponential from `delay` (delay, 3×, 7× …, as bull's own). */
function retryAfterBackoff(attemptsMade: number, error: unknown, options: { delay: number } | null): number {
  if (error instanceof RetryLaterError && error.retryAfterMs !== undefined) return Math.max(1, error.retryAfterMs);
  return Math.round((2 ** attemptsMade - 1) * (options?.delay ?? 1000));
}

/** How long enqueueing may wait for Redis before the job runs in-process instead. */
const ENQUEUE_TIMEOUT_MS = 2000;

/** The running queues of one process: enqueue by job name, inspect counts, close. */
export type QueueSystem = {
  enqueue(name: string, payload: Record<string, unknown>, options?: { jobId?: string; delayMs?: number }): Promise<void>;
  counts(name: string): Promise<Record<string, number>>;
  /**
   * Runs a job every `everyMs` on one of the processing nodes (a bull repeatable job, shared by every node under the
   * prefix), replacing a schedule with another interval; 0 removes the schedule.
   */
  every(name: string, everyMs: number): Promise<void>;
  close(): Promise<void>;
};

/** Starts one bull queue per registered job under a key prefix (bull opens its own Redis connections per queue). */
export function createQueueSystem(options: { redisUrl: string; prefix: string; jobs: JobDefinition<never>[]; process: boolean }): QueueSystem {
  const queues = new Map<string, Bull.Queue>();
  const definitions = new Map(options.jobs.map((job) => [job.name, job]));
  for (const job of options.jobs) {
    const queue = new Bull(job.name, options.redisUrl, {
      prefix: options.prefix,
      settings: { backoffStrategies: { retryAfter: retryAfterBackoff } } as Bull.AdvancedSettings,
      defaultJobOptions: {
        attempts: job.attempts ?? 5,
        backoff: { type: "retryAfter", options: { delay: job.backoffMs ?? 1000 } } as Bull.BackoffOptions,
        removeOnComplete: 1000,
        removeOnFail: 5000,
      },
    });
    queue.on("error", (error) => log.error({ err: error, queue: job.name }, "queue error"));
    queue.on("failed", (failed, error) =>
      log.warn({ err: error, queue: job.name, jobId: failed.id, attempt: failed.attemptsMade }, "job failed"),
    );
    if (options.process) {
      void queue.process(job.concurrency ?? 4, async (bullJob) => {
        const number = bullJob.attemptsMade + 1;
        return job.perform(bullJob.data as never, { number, last: number >= (bullJob.opts.attempts ?? 1) });
      });
    }
    queues.set(job.name, queue);
  }
  return {
    async enqueue(name, payload, opts = {}) {
      const queue = queues.get(name);
      if (!queue) throw new Error(`job ${name} is not registered`);
      let timer: NodeJS.Timeout | undefined;
      const adding = queue.add(payload, { jobId: opts.jobId, delay: opts.delayMs });
      // When the timeout wins the race, a later rejection of the add has nobody left to hear it.
      adding.catch(() => undefined);
      try {
        await Promise.race([
          adding,
          new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`Redis did not accept job ${name} within ${ENQUEUE_TIMEOUT_MS} ms`)), ENQUEUE_TIMEOUT_MS))),
        ]);
      } catch (error) {
        // Redis is down or slow: run the job here rather than leave the customer without an answer.
        log.error({ err: error, queue: name, jobId: opts.jobId }, "could not queue the job; running it in this process");
        const job = definitions.get(name);
        if (!job || opts.delayMs) throw error;
        void job.perform(payload as never, { number: 1, last: true }).catch((failure: unknown) => log.error({ err: failure, queue: name }, "in-process job failed"));
      } finally {
        clearTimeout(timer);
      }
    },
    async counts(name) {
      const queue = queues.get(name);
      if (!queue) throw new Error(`job ${name} is not registered`);
      return (await queue.getJobCounts()) as unknown as Record<string, number>;
    },
    async every(name, everyMs) {
      const queue = queues.get(name);
      if (!queue) throw new Error(`job ${name} is not registered`);
      // A schedule left by an earlier start with another interval would keep firing beside the new one.
      for (const scheduled of await queue.getRepeatableJobs()) {
        if (scheduled.every !== everyMs) await queue.removeRepeatableByKey(scheduled.key);
      }
      if (everyMs > 0) await queue.add({}, { jobId: name, repeat: { every: everyMs }, attempts: 1, removeOnComplete: 100, removeOnFail: 100 });
    },
    async close() {
      await Promise.all([...queues.values()].map((q) => q.close()));
    },
  };
}
