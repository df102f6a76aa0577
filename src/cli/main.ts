/** The `switchboard` command line: start, migrate, seed, backup, restore, inbox secret, nlp analyze|train|eval, analytics eval|segment. */
import { parseArgs } from "./args.ts";

const usage = `usage: switchboard <command>
  start [--demo]        migrate, create the first admin (and, with --demo, the demo shop), then serve
  migrate               apply database migrations
  seed                  load demo data (inbox, agents, customers, products, orders, KB articles)
  backup --to FILE      write a consistent snapshot of the database to FILE
  restore --from FILE   restore a backup into an empty data dir or database (--force replaces a non-empty one)
  inbox secret <id> [--rotate]
                        print the inbox's widget identity secret (a new one with --rotate)
  nlp analyze "text"    print the NLP annotation of a text as JSON
  nlp train             rebuild the shipped intent and sentiment models in nlp-models/
  nlp eval <part> ...   measure a part of the NLP pipeline (intents, sentiment, pos, ner, entities)
  analytics eval --data F.csv --target COLUMN [--positive V] [--model logistic|svm|tree|auto] [--exclude a,b] [--folds 5] [--json]
                        cross-validate a classifier on any CSV table
  analytics segment --data F.csv [--k K] [--exclude a,b] [--json]
                        k-means segments (k by silhouette) and a PCA summary of any CSV table
  help, --help          print this text
`;

async function main(): Promise<number> {
  const { positional, flags } = parseArgs(process.argv.slice(2));
  const [command, ...rest] = positional;
  // Asking for help never runs a command (`nlp train --help` would otherwise rebuild the shipped model).
  if (flags.help === true || command === "help") {
    process.stdout.write(usage);
    return 0;
  }
  switch (command) {
    case "nlp": {
      const { runNlpCommand } = await import("./nlp.ts");
      return runNlpCommand(rest, flags);
    }
    case "analytics": {
      const { runAnalyticsCommand } = await import("./analytics.ts");
      return runAnalyticsCommand(rest, flags);
    }
    case "backup":
    case "restore": {
      const { runBackupCommand } = await import("./backup.ts");
      return runBackupCommand(command, flags);
    }
    case "inbox": {
      const { runInboxCommand } = await import("./inbox.ts");
      return runInboxCommand(rest, flags);
    }
    case "start":
    case "migrate":
    case "seed": {
      const { runServerCommand } = await import("./server.ts");
      return runServerCommand(command, flags);
    }
    default:
      process.stderr.write(usage);
      return command ? 2 : 0;
  }
}

main().then(
  (code) => {
    if (code !== 0 || process.argv[2] !== "start") process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`switchboard: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
