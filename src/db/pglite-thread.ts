/** PGlite running in a worker thread (pglite-worker.js), behind the small part of PGlite's interface that Drizzle uses. */
import { spawn } from "node:child_process";
import { Worker } from "node:worker_threads";
import { repoPath } from "../paths.ts";

type Request = { op: "query" | "exec" | "begin" | "commit" | "rollback" | "dump" | "close"; sql?: string; params?: unknown[]; rowMode?: "array" | "object"; tx?: number };
type SerializedError = { name?: string; message: string } & Record<string, unknown>;
type Reply = { id: number; result?: unknown; error?: SerializedError };

/** A query result as PGlite returns it. */
export type ThreadResults = { rows: unknown[]; fields: { name: string; dataTypeID: number }[]; affectedRows?: number };

/** What Drizzle's PGlite session calls: query, exec and transaction (whose callback gets query and exec too). */
export type ThreadQueryable = {
  query(sql: string, params?: unknown[], options?: { rowMode?: "array" | "object" }): Promise<ThreadResults>;
  exec(sql: string): Promise<ThreadResults[]>;
};

/** The database in its thread: queries, transactions, and close(). */
export type PGliteThread = ThreadQueryable & {
  transaction<T>(callback: (tx: ThreadQueryable) => Promise<T>): Promise<T>;
  /**
   * Runs `rounds` rounds of four statements on a temporary table whenever no request waits, so that the first customers
   * after a start do not meet a database whose code V8 is still compiling; settles when they are done.
   */
  warmUp(rounds: number): Promise<void>;
  /** A consistent snapshot of the data dir as a gzipped tarball (PGlite's dumpDataDir after a checkpoint, between transactions). */
  dump(): Promise<Uint8Array>;
  close(): Promise<void>;
};

/** Turns an error from the worker back into an Error with PostgreSQL's fields (code, constraint …). */
function revive(serialized: SerializedError): Error {
  const error = new Error(serialized.message);
  for (const [key, value] of Object.entries(serialized)) if (value !== undefined && key !== "message") Object.assign(error, { [key]: value });
  return error;
}

/** Resolves when the worker posts {ready}; rejects with its error, or when it fails first. */
function whenReady(worker: Worker): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    worker.once("message", (message: { ready?: boolean; error?: SerializedError }) => {
      if (message.ready) resolve();
      else reject(revive(message.error ?? { message: "PGlite did not start" }));
    });
    worker.once("error", reject);
  });
}

/**
 * Makes a PGlite data directory ready in a child process (pglite-prepare.js: why there): creates it when it is missing,
 * otherwise analyzes its tables. Resolves with what it did.
 */
export function preparePGliteDir(dataDir: string): Promise<"created" | "analyzed"> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [repoPath("src/db/pglite-prepare.js"), dataDir], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString("utf8")).slice(-4000)));
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      const done = stdout.trim();
      if (code === 0 && (done === "created" || done === "analyzed")) resolve(done);
      else reject(new Error(`could not prepare the database in ${dataDir} (exit ${signal ?? code}): ${stderr.trim() || stdout.trim()}`));
    });
  });
}

/** Options of startPGliteThread. */
export type PGliteThreadOptions = {
  /** PostgreSQL's shared_buffers (its page cache, resident from the start), e.g. "32MB" (the default). */
  sharedBuffers?: string;
  /** For an in-memory database: a PGlite backup file (gzipped tarball of a data dir) it starts from instead of an empty cluster. */
  loadFrom?: string;
};

/** Starts PGlite in a worker thread on `dataDir` (in memory when absent) and resolves once it is ready. */
export async function startPGliteThread(dataDir?: string, options: PGliteThreadOptions = {}): Promise<PGliteThread> {
  const worker = new Worker(repoPath("src/db/pglite-worker.js"), { workerData: { dataDir, sharedBuffers: options.sharedBuffers, loadFrom: options.loadFrom } });
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let nextId = 1;
  let failure: Error | undefined;

  const ready = whenReady(worker);
  // The warm-up in progress, if any.
  let warming: { resolve(): void; reject(error: Error): void } | undefined;
  const failAll = (error: Error): void => {
    failure = error;
    warming?.reject(error);
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
  };
  worker.on("error", failAll);
  worker.on("exit", (code) => failAll(new Error(`the database thread stopped (exit code ${code})`)));
  await ready;
  worker.on("message", (replies: Reply[] | { warmedUp: boolean; error?: SerializedError }) => {
    if (!Array.isArray(replies)) {
      if (replies.warmedUp) warming?.resolve();
      else warming?.reject(revive(replies.error ?? { message: "the warm-up failed" }));
      warming = undefined;
      return;
    }
    for (const reply of replies) {
      const waiter = pending.get(reply.id);
      if (!waiter) continue;
      pending.delete(reply.id);
      if (reply.error) waiter.reject(revive(reply.error));
      else waiter.resolve(reply.result);
    }
  });

  const send = <T>(request: Request): Promise<T> => {
    if (failure) return Promise.reject(failure);
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ id, ...request });
    });
  };
  const queryable = (tx?: number): ThreadQueryable => ({
    query: (sql, params = [], options = {}) => send<ThreadResults>({ op: "query", sql, params, rowMode: options.rowMode, tx }),
    exec: (sql) => send<ThreadResults[]>({ op: "exec", sql, tx }),
  });

  return {
    ...queryable(),
    warmUp(rounds) {
      if (failure) return Promise.reject(failure);
      if (warming) return Promise.reject(new Error("a warm-up is already running"));
      return new Promise<void>((resolve, reject) => {
        warming = { resolve, reject };
        worker.postMessage({ op: "warmUp", rounds });
      });
    },
    dump: () => send<Uint8Array>({ op: "dump" }),
    async transaction(callback) {
      const tx = await send<number>({ op: "begin" });
      let result;
      try {
        result = await callback(queryable(tx));
      } catch (error) {
        await send({ op: "rollback", tx });
        throw error;
      }
      await send({ op: "commit", tx });
      return result;
    },
    async close() {
      if (!failure) await send({ op: "close" }).catch(() => undefined);
      // Anything asked after this fails at once instead of waiting for a thread that is gone.
      failAll(new Error("the database thread stopped (the database was closed)"));
      worker.removeAllListeners("exit");
      await worker.terminate();
    },
  };
}
