// @ts-check
/**
 * PGlite in its own thread. PostgreSQL-in-WebAssembly runs every statement synchronously, so on the server's
 * event loop it blocks sockets, acknowledgements and the bot; here it uses another core. Plain JavaScript on
 * purpose: a worker thread does not inherit the TypeScript loader the server runs under.
 *
 * Protocol (see pglite-thread.ts): the parent posts {id, op, sql?, params?, rowMode?, tx?}; the worker answers
 * {id, result} or {id, error}, in batches (an array of answers per message). Operations: query, exec, begin (answers a transaction id), commit, rollback, dump (answers a gzipped tarball of the data dir), close.
 * Besides answers it posts {ready} once PGlite has started. {op: "warmUp", rounds} starts the warm-up (see warmUp) and
 * is answered by {warmedUp} when it ends; it is not a request, so it never makes the warm-up wait for itself.
 */
import { Blob } from "node:buffer";
import { readFileSync } from "node:fs";
import { setImmediate } from "node:timers";
import { parentPort, workerData } from "node:worker_threads";
import { PGlite, parse, protocol, types } from "@electric-sql/pglite";
import { pgliteExtensions as extensions } from "./pglite-extensions.js";

if (!parentPort) throw new Error("pglite-worker.js must run in a worker thread");
const port = parentPort;

// Date and time values stay strings, as Drizzle expects from its PGlite driver (it asks for the same parsers).
const identity = (/** @type {string} */ value) => value;
const parsers = Object.fromEntries([types.TIMESTAMP, types.TIMESTAMPTZ, types.INTERVAL, types.DATE, 1231, 1115, 1185, 1187, 1182].map((oid) => [oid, identity]));

/** @type {{ dataDir?: string, sharedBuffers?: string, loadFrom?: string }} */
const options = workerData ?? {};
/**
 * PostgreSQL's own page cache lives in PGlite's WebAssembly memory and is written in full when PGlite starts, so its
 * size is resident memory from the first second: PGlite's default of 128 MB was the largest part of an idle server.
 * Pages it does not hold come from the operating system's file cache, a copy away (see the README's Performance).
 */
const startParams = [...PGlite.defaultStartParams, "-c", `shared_buffers=${options.sharedBuffers ?? "32MB"}`];
// An in-memory database may start from a snapshot (a backup file: the data dir as a gzipped tarball) instead of an empty
// cluster: tests start each file's database from one migrated copy rather than running initdb and every migration again.
const loadDataDir = options.loadFrom ? new Blob([readFileSync(options.loadFrom)]) : undefined;
const db = options.dataDir ? new PGlite(options.dataDir, { startParams, extensions }) : new PGlite({ startParams, extensions, loadDataDir });

/** @type {Map<number, { tx: import("@electric-sql/pglite").Transaction, finish: (commit: boolean) => void, done: Promise<unknown> }>} */
const transactions = new Map();
let nextTransactionId = 1;

/** The fields of a PostgreSQL error that callers inspect (code, constraint …), in a form that crosses threads. */
function serializeError(/** @type {unknown} */ error) {
  if (!(error instanceof Error)) return { message: String(error) };
  const { code, detail, hint, constraint, table, column, schema, severity, position } = /** @type {Record<string, unknown>} */ (/** @type {unknown} */ (error));
  return { name: error.name, message: error.message, code, detail, hint, constraint, table, column, schema, severity, position };
}

/** Starts a transaction that stays open until the parent commits or rolls it back. */
function begin() {
  const id = nextTransactionId++;
  return new Promise((resolveBegin, rejectBegin) => {
    const done = db.transaction(
      (tx) =>
        new Promise((resolve, reject) => {
          transactions.set(id, { tx, finish: (commit) => (commit ? resolve(undefined) : reject(new Error("rolled back"))), done });
          resolveBegin(id);
        }),
    );
    done.catch(rejectBegin).finally(() => transactions.delete(id));
  });
}

/** Ends a transaction; a rollback's own "rolled back" rejection is the expected outcome, not an error. */
async function finish(/** @type {number} */ id, /** @type {boolean} */ commit) {
  const entry = transactions.get(id);
  if (!entry) throw new Error(`transaction ${id} is not open`);
  entry.finish(commit);
  if (commit) await entry.done;
  else await entry.done.catch(() => undefined);
}

/**
 * Statements prepared once by their SQL text and then only bound and executed, each in one call into PostgreSQL.
 * PGlite's own query() parses and plans every statement again and crosses into WebAssembly six times (parse,
 * describe, bind, describe, execute, sync); a prepared lookup by id costs about a fifth of that, an insert a third.
 * Least recently used first; the oldest is closed when the cache is full.
 * @type {Map<string, { name: string, paramTypes: number[], rowDescription: unknown }>}
 */
const prepared = new Map();
const MAX_PREPARED = 500;
let nextStatement = 1;

/** One buffer holding several protocol messages: PostgreSQL reads them in order, as from a socket. */
function concat(/** @type {Uint8Array[]} */ parts) {
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Prepares `sql` as a named statement and remembers its parameter types and result columns. */
async function prepare(/** @type {string} */ sql) {
  const name = `switchboard_${nextStatement++}`;
  const messages = [];
  if (prepared.size >= MAX_PREPARED) {
    const [oldestSql, oldest] = prepared.entries().next().value;
    prepared.delete(oldestSql);
    messages.push(protocol.serialize.close({ type: "S", name: oldest.name }));
  }
  messages.push(protocol.serialize.parse({ name, text: sql }), protocol.serialize.describe({ type: "S", name }), protocol.serialize.sync());
  const described = await db.execProtocol(concat(messages), { syncToFs: false });
  const statement = {
    name,
    paramTypes: parse.parseDescribeStatementResults(described.messages),
    rowDescription: described.messages.find((m) => m.name === "rowDescription"),
  };
  prepared.set(sql, statement);
  return statement;
}

/** What PGlite's query() answers, through a prepared statement; inside an open transaction when `inTransaction`. */
async function preparedQuery(/** @type {string} */ sql, /** @type {unknown[]} */ params, /** @type {"array" | "object"} */ rowMode, /** @type {boolean} */ inTransaction) {
  const run = async () => {
    let statement = prepared.get(sql);
    if (statement) {
      prepared.delete(sql);
      prepared.set(sql, statement);
    } else {
      statement = await prepare(sql);
    }
    // The same conversion PGlite's query() applies to parameters.
    const values = params.map((value, i) => {
      if (value === null || value === undefined) return null;
      const serialize = db.serializers[statement.paramTypes[i]];
      return serialize ? serialize(value) : String(value);
    });
    const { messages } = await db.execProtocol(
      concat([protocol.serialize.bind({ statement: statement.name, values }), protocol.serialize.execute({}), protocol.serialize.sync()]),
      { syncToFs: !inTransaction },
    );
    const described = statement.rowDescription ? [statement.rowDescription, ...messages] : messages;
    return parse.parseResults(/** @type {any} */ (described), db.parsers, { rowMode, parsers })[0];
  };
  const attempt = () => (inTransaction ? db._runExclusiveQuery(run) : db._runExclusiveTransaction(() => db._runExclusiveQuery(run)));
  try {
    return await attempt();
  } catch (error) {
    // Someone ran DEALLOCATE or DISCARD: forget every statement and prepare again.
    if (/** @type {{ code?: string }} */ (error).code !== "26000") throw error;
    prepared.clear();
    return attempt();
  }
}

/** Runs one request; query and exec run inside the transaction named by `tx` when there is one. */
async function handle(/** @type {{ op: string, sql?: string, params?: unknown[], rowMode?: "array" | "object", tx?: number }} */ request) {
  switch (request.op) {
    case "query":
    case "exec": {
      const target = request.tx === undefined ? db : transactions.get(request.tx)?.tx;
      if (!target) throw new Error(`transaction ${request.tx} is not open`);
      if (request.op === "exec") return (await target.exec(request.sql ?? "")).map((r) => ({ rows: r.rows, fields: r.fields, affectedRows: r.affectedRows }));
      const rowMode = request.rowMode ?? "object";
      const result = await preparedQuery(request.sql ?? "", request.params ?? [], rowMode, request.tx !== undefined);
      // Drizzle maps array rows by its own field list; only raw (object) queries might want the column descriptions.
      return { rows: result.rows, fields: rowMode === "array" ? [] : result.fields, affectedRows: result.affectedRows };
    }
    case "begin":
      return begin();
    case "commit":
    case "rollback":
      return finish(request.tx ?? -1, request.op === "commit");
    case "dump":
      return dump();
    case "close":
      await db.close();
      return null;
    default:
      throw new Error(`unknown operation ${request.op}`);
  }
}

/**
 * A backup: the data dir as a gzipped tarball. It waits for open transactions to end and holds off new ones, so the
 * snapshot is exactly the committed state; the checkpoint first writes every dirty page, so the restored copy needs no
 * recovery. Every other statement waits meanwhile (about a second for a small database).
 */
async function dump() {
  return db._runExclusiveTransaction(async () => {
    await db._runExclusiveQuery(() => db.execProtocol(protocol.serialize.query("checkpoint"), { syncToFs: true }));
    const blob = await db.dumpDataDir("gzip");
    return new Uint8Array(await blob.arrayBuffer());
  });
}

/** Requests being handled: the warm-up runs its statements only while there are none. */
let inFlight = 0;
/** @type {(() => void)[]} */
let whenIdle = [];

/** Resolves once no request is being handled. */
function idle() {
  if (inFlight === 0) return Promise.resolve();
  return new Promise((resolve) => whenIdle.push(() => resolve(undefined)));
}

// Answers finished in the same turn of the event loop travel together: under load one message carries many.
/** @type {unknown[]} */
let outbox = [];
function answer(/** @type {unknown} */ reply) {
  outbox.push(reply);
  if (outbox.length === 1) {
    setImmediate(() => {
      const batch = outbox;
      outbox = [];
      port.postMessage(batch);
    });
  }
}

port.on("message", (/** @type {{ id: number, op: string, rounds?: number }} */ message) => {
  if (message.op === "warmUp") {
    warmUp(message.rounds ?? 0).then(
      () => port.postMessage({ warmedUp: true }),
      (error) => port.postMessage({ warmedUp: false, error: serializeError(error) }),
    );
    return;
  }
  inFlight++;
  handle(message)
    .then(
      (result) => answer({ id: message.id, result }),
      (error) => answer({ id: message.id, error: serializeError(error) }),
    )
    .finally(() => {
      if (--inFlight > 0) return;
      const waiting = whenIdle;
      whenIdle = [];
      for (const resume of waiting) resume();
    });
});

/**
 * PGlite's JavaScript and WebAssembly run two to three times slower for their first few hundred statements, until V8
 * has compiled the hot paths (an insert and a select by id: 1.2 ms together at first, 0.44 ms after 2,000 on this
 * project's VM). A burst of first customers after a start would pay for that by queueing behind each other. So once the
 * database is ready, statements of the server's kinds (prepared, bound, executed; inserts, selects by key, updates of
 * JSONB, a join) run against a temporary table whenever no request is waiting; then the table and its statements go.
 * A request that arrives meanwhile waits for at most one warm-up statement.
 */
async function warmUp(/** @type {number} */ rounds) {
  if (rounds <= 0) return;
  const statements = {
    insert: "insert into switchboard_warmup (n, body, doc) values ($1, $2, $3) returning id, n",
    select: "select * from switchboard_warmup where id = $1 limit 1",
    update: "update switchboard_warmup set doc = jsonb_set(doc, '{n}', to_jsonb($2::int)), at = $3 where id = $1 returning *",
    join: "select w.id, w.doc, (select count(*) from switchboard_warmup v where v.n < w.n) as before from switchboard_warmup w where w.n >= $1 order by w.n, w.at desc limit 5",
  };
  /** @param {string} sql @param {unknown[]} params @param {"array" | "object"} rowMode */
  const run = async (sql, params, rowMode = "array") => {
    // A statement runs without leaving the microtask queue: yield first, or requests are not even received.
    await new Promise((resolve) => setImmediate(resolve));
    await idle();
    return preparedQuery(sql, params, rowMode, false);
  };
  await idle();
  await db.exec(`create temporary table switchboard_warmup (id uuid primary key default gen_random_uuid(), n int not null, body text, doc jsonb, at timestamptz not null default now());
    create index on switchboard_warmup (n, at)`);
  try {
    for (let n = 0; n < rounds; n++) {
      const doc = { text: `warm-up ${n}`, sender: { type: "customer" }, scores: [n, n / 2], at: new Date().toISOString() };
      const [row] = (await run(statements.insert, [n, doc.text, doc])).rows;
      const id = /** @type {unknown[]} */ (row)[0];
      await run(statements.select, [id], "object");
      await run(statements.update, [id, n, new Date()]);
      await run(statements.join, [n - 3]);
    }
  } finally {
    await idle();
    await db.exec("drop table if exists pg_temp.switchboard_warmup");
    for (const sql of Object.values(statements)) {
      const statement = prepared.get(sql);
      if (!statement) continue;
      prepared.delete(sql);
      await db.exec(`deallocate ${statement.name}`);
    }
  }
}

db.waitReady.then(
  () => port.postMessage({ ready: true }),
  (error) => port.postMessage({ ready: false, error: serializeError(error) }),
);
