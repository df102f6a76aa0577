/** The classifiers (logistic regression, SVM, decision tree) behind one interface: fit on rows, score rows. */
import { createRequire } from "node:module";
import { DecisionTreeClassifier } from "ml-cart";
import type { SVMClass } from "libsvm-js";
import { fitLogistic } from "./logistic.ts";
import { stratifiedSample } from "./random.ts";

/** The model names the CLI and the services accept. */
export type ModelName = "logistic" | "svm" | "tree";

/** Every model name, in the order `auto` tries them. */
export const modelNames: ModelName[] = ["logistic", "svm", "tree"];

/** A trained classifier: scores rows (higher = more likely positive), plus notes on how it was trained. */
export type Classifier = { score(X: number[][]): number[]; notes: string[]; dispose?: () => void };

/** Defaults: quantile bins per numeric column (logistic and SVM); SVM with an RBF kernel (γ = 0.1 / features), C = 1, balanced class weights and a training-row cap (training is O(n²)); tree depth, leaf size and training-row cap. */
export const modelDefaults = { bins: 10, svmKernel: "rbf" as "rbf" | "linear", svmCost: 1, svmGammaScale: 0.1, svmBalanced: true, svmMaxRows: 3000, treeDepth: 5, treeMinLeaf: 20, treeMaxRows: 5000 };

/** Options for fitting: the seed for subsamples and overrides of the defaults. */
export type FitOptions = Partial<typeof modelDefaults> & { seed?: number };

/** Fits the named model on standardised features X and 0/1 labels y. */
export async function fitClassifier(name: ModelName, X: number[][], y: number[], options: FitOptions = {}): Promise<Classifier> {
  const settings = { ...modelDefaults, ...options };
  const seed = options.seed ?? 1;
  if (name === "logistic") {
    const model = fitLogistic(X, y);
    return { score: model.predict, notes: [] };
  }
  if (name === "tree") {
    const { tree, notes } = fitTree(X, y, { depth: settings.treeDepth, minLeaf: settings.treeMinLeaf, maxRows: settings.treeMaxRows, seed });
    return { score: (rows) => rows.map((row) => leafShare(tree, row)), notes };
  }
  return fitSvm(X, y, settings, seed);
}

/** Fits a depth-limited CART tree (ml-cart), on a stratified sample when the rows exceed maxRows (its split search is quadratic). */
export function fitTree(
  X: number[][],
  y: number[],
  options: { depth: number; minLeaf: number; maxRows: number; seed: number },
): { tree: DecisionTreeClassifier; rows: number[]; notes: string[] } {
  const rows = stratifiedSample(y, options.maxRows, options.seed);
  const notes = rows.length < y.length ? [`tree trained on a stratified sample of ${rows.length} training rows per fit (its split search is quadratic)`] : [];
  const tree = new DecisionTreeClassifier({ gainFunction: "gini", maxDepth: options.depth, minNumSamples: options.minLeaf });
  // ml-cart tries a split wherever the label changes between neighbours after a stable sort by the feature; rows given
  // negatives first keep tied values grouped by label, which cuts the candidates from thousands to about two per value.
  const ordered = [...rows].sort((a, b) => y[a] - y[b]);
  tree.train(
    ordered.map((r) => X[r]),
    ordered.map((r) => y[r]),
  );
  return { tree, rows, notes };
}

/** The share of positives in the leaf a row falls in (the tree's probability estimate). */
export function leafShare(tree: DecisionTreeClassifier, row: number[]): number {
  let node = tree.root;
  while (node.left && node.right && node.splitColumn !== undefined && node.splitValue !== undefined) {
    node = row[node.splitColumn] < node.splitValue ? node.left : node.right;
  }
  const distribution = node.distribution?.to1DArray() ?? [];
  return distribution[1] ?? 0;
}

async function fitSvm(X: number[][], y: number[], settings: typeof modelDefaults, seed: number): Promise<Classifier> {
  // libsvm-js exports a promise (module.exports = load().then(…)); require keeps it a promise under every ESM loader.
  const SVM = await (createRequire(import.meta.url)("libsvm-js") as Promise<SVMClass>);
  const rows = stratifiedSample(y, settings.svmMaxRows, seed);
  const positives = rows.reduce((sum, r) => sum + y[r], 0);
  const notes = rows.length < y.length ? [`svm trained on a stratified sample of ${rows.length} training rows per fit (SVM training is O(n²))`] : [];
  const svm = new SVM({
    type: SVM.SVM_TYPES.C_SVC,
    kernel: settings.svmKernel === "rbf" ? SVM.KERNEL_TYPES.RBF : SVM.KERNEL_TYPES.LINEAR,
    gamma: settings.svmGammaScale / Math.max(1, X[0]?.length ?? 1),
    // Weighting the rarer class by the imbalance keeps its rows from all landing on the margin's bound.
    weight: settings.svmBalanced ? { 0: 1, 1: Math.max(1, (rows.length - positives) / Math.max(1, positives)) } : undefined,
    cost: settings.svmCost,
    probabilityEstimates: true,
    quiet: true,
  });
  svm.train(
    rows.map((r) => X[r]),
    rows.map((r) => y[r]),
  );
  return {
    notes,
    dispose: () => svm.free(),
    score: (samples) =>
      samples.map((sample) => svm.predictOneProbability(sample).estimates.find((e) => e.label === 1)?.probability ?? 0),
  };
}
