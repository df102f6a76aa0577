/** Process entry: config → container → listen; graceful shutdown on SIGTERM/SIGINT. */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { createApp } from "./app.ts";
import { loadConfig, type Config } from "./config.ts";
import { createContainer, type Container } from "./container.ts";
import { childLogger, setLogLevel } from "./logger.ts";
import { warmEffortPlans } from "./modules/plans/index.ts";

const log = childLogger("main");

/**
 * Runs one full garbage collection before the server listens. Loading the NLP models, migrating and seeding leave
 * about 60 MB of garbage (model files' text, parse results) that an idle process keeps resident, because V8 collects
 * the old generation only when more is allocated. Jest's leak detector reaches gc() the same way; it costs one pause
 * of some tens of milliseconds while nothing is served yet.
 */
function collectStartupGarbage(): void {
  setFlagsFromString("--expose-gc");
  (runInNewContext("gc") as () => void)();
}

/** Starts the server with the given configuration and resolves once it listens; `prepare` runs (seeding, say) before it does. */
export async function startServer(
  config: Config = loadConfig(),
  options: { prepare?: (container: Container) => Promise<void> } = {},
): Promise<{ url: string; stop(): Promise<void> }> {
  setLogLevel(config.logLevel);
  const started = Date.now();
  const container = await createContainer(config);
  await options.prepare?.(container);
  collectStartupGarbage();
  const app = createApp(container);
  await new Promise<void>((resolve, reject) => {
    app.httpServer.once("error", reject);
    app.httpServer.listen(config.port, config.host, () => resolve());
  });
  const address = app.httpServer.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const url = config.publicUrl ?? `http://localhost:${port}`;
  if (config.botFramework.allowUnauthenticated) log.warn("BOTFRAMEWORK_ALLOW_UNAUTHENTICATED=1: /api/messages takes activities without a token (local development only)");
  log.info({ url, database: container.database.kind, redis: container.redisEndpoint.private ? "private" : "external", ms: Date.now() - started }, "Switchboard is listening");
  // Serving already, the embedded database compiles its hot paths between requests.
  const listening = Date.now();
  container.database.warmUp().then(
    // Benchmarks read this line: an idle server's memory is measured once the warm-up has run.
    () => log.info({ ms: Date.now() - listening }, "database warm-up done"),
    (error: unknown) => log.warn({ err: error }, "the database warm-up failed; the first requests may be slower"),
  );
  // The effort plan's year of history takes seconds to read at scale: read it now rather than on the first plan's request.
  warmEffortPlans(container.deps).then(
    () => log.info({ ms: Date.now() - listening }, "effort plan history read"),
    (error: unknown) => log.warn({ err: error }, "could not read the effort plan's history ahead; the first plan will"),
  );
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      log.info("shutting down");
      await app.stop();
      await container.close();
    })();
    return stopping;
  };
  // A stray rejection (a dropped Redis command, say) is logged; the server keeps serving.
  process.on("unhandledRejection", (reason) => log.error({ err: reason }, "unhandled rejection"));
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      void stop().then(() => process.exit(0));
    });
  }
  return { url, stop };
}
