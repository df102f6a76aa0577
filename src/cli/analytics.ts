/** `switchboard analytics eval|segment`: measure the modelling and segmentation code on any CSV table. */
import { AnalyticsInputError } from "../analytics/errors.ts";
import { optionalFlag, requireFlag, type Flags } from "./args.ts";

const usage = `usage: switchboard analytics eval --data F.csv --target COLUMN [--positive VALUE] [--model logistic|svm|tree|auto] [--exclude a,b] [--folds 5] [--json]
       switchboard analytics segment --data F.csv [--k K] [--exclude a,b] [--json]
`;

const listFlag = (flags: Flags, name: string): string[] =>
  (optionalFlag(flags, name) ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);

function integerFlag(flags: Flags, name: string, min: number, max: number): number | undefined {
  const raw = optionalFlag(flags, name);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new AnalyticsInputError(`--${name} must be an integer from ${min} to ${max}`);
  return value;
}

async function runEval(flags: Flags): Promise<number> {
  const { loadDataset } = await import("../analytics/dataset.ts");
  const { evaluateDataset } = await import("../analytics/evaluate.ts");
  const model = optionalFlag(flags, "model") ?? "auto";
  if (!["logistic", "svm", "tree", "auto"].includes(model)) throw new AnalyticsInputError(`--model must be logistic, svm, tree or auto`);
  const folds = integerFlag(flags, "folds", 2, 20) ?? 5;
  const data = loadDataset(requireFlag(flags, "data"), { target: requireFlag(flags, "target"), positive: optionalFlag(flags, "positive"), exclude: listFlag(flags, "exclude") });
  const report = await evaluateDataset(data, model as "auto", { folds });
  if (flags.json) {
    process.stdout.write(JSON.stringify(report) + "\n");
    return 0;
  }
  const lines = [
    `${report.rows} rows, ${report.features} features, positive = "${report.positive}", ${report.folds}-fold cross-validation`,
    `model ${report.model}: AUC ${report.auc}, accuracy ${report.accuracy}, F1 ${report.f1}, trained in ${report.trainSeconds} s`,
    ...Object.entries(report.models ?? {}).map(([name, figures]) => `  ${name}: AUC ${figures.auc} (${figures.trainSeconds} s)`),
    ...report.notes.map((note) => `note: ${note}`),
  ];
  process.stdout.write(lines.join("\n") + "\n");
  return 0;
}

async function runSegment(flags: Flags): Promise<number> {
  const { readCsv, inferColumns, columnIndex } = await import("../analytics/table.ts");
  const { fitEncoder, fitScaler } = await import("../analytics/encode.ts");
  const { segment, pcaMap } = await import("../analytics/segment.ts");
  const table = readCsv(requireFlag(flags, "data"));
  const exclude = listFlag(flags, "exclude");
  for (const name of exclude) columnIndex(table, name);
  const columns = inferColumns(table, new Set(exclude)).filter((c) => c.kind !== "identifier" && c.kind !== "constant");
  if (columns.length === 0) throw new AnalyticsInputError("no usable columns to segment on (identifiers and constants are dropped)");
  const rows = table.rows.map((_, i) => i);
  const encoder = fitEncoder(table, columns, rows);
  const raw = encoder.encode(rows);
  const X = fitScaler(raw).apply(raw);
  const result = segment(X, { k: integerFlag(flags, "k", 2, 50) });
  const map = pcaMap(X, encoder.features.map((f) => f.name));
  const inertia = Number(result.inertia.toFixed(2));
  const report = { k: result.k, silhouette: result.silhouette, inertia, sizes: result.sizes, explainedVariance: map.explainedVariance, silhouetteByK: result.silhouetteByK, loadings: map.loadings, notes: result.notes };
  if (flags.json) {
    process.stdout.write(JSON.stringify(report) + "\n");
    return 0;
  }
  const lines = [
    `${rows.length} rows, ${encoder.features.length} features: k = ${report.k}, silhouette ${report.silhouette}, inertia ${inertia}`,
    `segment sizes: ${report.sizes.join(", ")}`,
    `PCA: component 1 explains ${(map.explainedVariance[0] * 100).toFixed(1)} %, component 2 ${(map.explainedVariance[1] * 100).toFixed(1)} %`,
    ...map.loadings.map((l) => `  component ${l.component}: ${l.features.map((f) => `${f.feature} (${f.loading})`).join(", ")}`),
    ...report.notes.map((note) => `note: ${note}`),
  ];
  process.stdout.write(lines.join("\n") + "\n");
  return 0;
}

/** Runs one `analytics` sub-command and returns its exit code: 2 with a clear message for bad input or usage. */
export async function runAnalyticsCommand(positional: string[], flags: Flags): Promise<number> {
  const sub = positional[0];
  try {
    if (sub === "eval") return await runEval(flags);
    if (sub === "segment") return await runSegment(flags);
  } catch (error) {
    const usageProblem = error instanceof Error && error.message.startsWith("missing --");
    if (!(error instanceof AnalyticsInputError) && !usageProblem) throw error;
    process.stderr.write(`switchboard analytics: ${error.message}\n`);
    return 2;
  }
  process.stderr.write(usage);
  return 2;
}
