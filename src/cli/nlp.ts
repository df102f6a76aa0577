/** `switchboard nlp …`: analyze a text, train the shipped intent model, and the measurement commands `nlp eval <part>`. */
import type { Flags } from "./args.ts";

type EvalFn = (flags: Flags) => Promise<Record<string, unknown>>;

const evaluators: Record<string, () => Promise<EvalFn>> = {
  intents: async () => (await import("../nlp/intent/eval.ts")).evalIntents,
  sentiment: async () => (await import("../nlp/sentiment/eval.ts")).evalSentiment,
  pos: async () => (await import("../nlp/pos/eval.ts")).evalPos,
  ner: async () => (await import("../nlp/entities/eval.ts")).evalNer,
  entities: async () => (await import("../nlp/entities/eval.ts")).evalEntities,
};

/** Runs one `nlp` sub-command and returns its process exit code. */
export async function runNlpCommand(positional: string[], flags: Flags): Promise<number> {
  const [sub, ...rest] = positional;
  if (sub === "analyze") {
    const text = rest.join(" ");
    if (!text) {
      process.stderr.write('usage: switchboard nlp analyze "text"\n');
      return 2;
    }
    const { createAnalyzer } = await import("../nlp/index.ts");
    const analyzer = await createAnalyzer();
    process.stdout.write(JSON.stringify(analyzer.analyze(text), null, 2) + "\n");
    return 0;
  }
  if (sub === "train") {
    const { trainShippedIntentModel } = await import("../nlp/intent/index.ts");
    const { trainShippedSentimentModel } = await import("../nlp/sentiment/model.ts");
    const summary = { ...(await trainShippedIntentModel()), sentiment: await trainShippedSentimentModel() };
    process.stdout.write(JSON.stringify(summary, null, flags.json ? undefined : 2) + "\n");
    return 0;
  }
  if (sub === "eval") {
    const part = rest[0];
    const load = part ? evaluators[part] : undefined;
    if (!load) {
      process.stderr.write(`usage: switchboard nlp eval <${Object.keys(evaluators).join("|")}> [flags] [--json]\n`);
      return 2;
    }
    const result = await (await load())(flags);
    process.stdout.write(JSON.stringify(result, null, flags.json ? undefined : 2) + "\n");
    return 0;
  }
  process.stderr.write("usage: switchboard nlp <analyze|train|eval> …\n");
  return 2;
}
