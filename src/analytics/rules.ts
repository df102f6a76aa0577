/** Readable decision-tree rules (ml-cart, depth-limited): what separates a segment from the rest, or drives a binary target. */
import type { CartNode } from "ml-cart";
import type { Feature } from "./encode.ts";
import { fitTree } from "./models.ts";

/** One leaf of the tree as a rule: its conditions, how many rows it covers, and the share of them that are positive. */
export type Rule = { conditions: string[]; text: string; support: number; positives: number; confidence: number };

/** The rules of a tree, its accuracy on all rows, and the positive share across all rows for comparison. */
export type RuleSet = { rules: Rule[]; accuracy: number; baseRate: number; rows: number; depth: number; notes: string[] };

/** Defaults: tree depth (readability), smallest node split, training-row cap. */
export const ruleDefaults = { depth: 3, minLeaf: 20, maxRows: 5000, seed: 1 };

type Bound = { lower?: number; upper?: number };

const show = (value: number): string => String(Number(value.toPrecision(4)));

function describe(features: Feature[], path: { column: number; value: number; less: boolean }[]): string[] {
  const bounds = new Map<number, Bound>();
  const words: string[] = [];
  for (const step of path) {
    const feature = features[step.column];
    if (feature.kind === "numeric" || feature.kind === "bin") {
      const bound = bounds.get(step.column) ?? {};
      if (step.less) bound.upper = Math.min(bound.upper ?? Infinity, step.value);
      else bound.lower = Math.max(bound.lower ?? -Infinity, step.value);
      bounds.set(step.column, bound);
    } else if (feature.kind === "level") {
      words.push(step.less ? `${feature.source} ≠ ${feature.level}` : `${feature.source} = ${feature.level}`);
    } else if (feature.kind === "flag") {
      words.push(`${feature.name} ${step.less ? "≠" : "="} ${feature.trueLevel}`);
    } else {
      words.push(step.less ? `${feature.name.replace(/ \(missing\)$/, "")} known` : feature.name);
    }
  }
  const numeric = [...bounds.entries()].map(([column, { lower, upper }]) => {
    const name = features[column].name;
    if (lower !== undefined && upper !== undefined) return `${show(lower)} ≤ ${name} < ${show(upper)}`;
    return lower !== undefined ? `${name} ≥ ${show(lower)}` : `${name} < ${show(upper as number)}`;
  });
  return [...numeric, ...words];
}

function leafOf(root: CartNode, row: number[]): CartNode {
  let node = root;
  while (node.left && node.right && node.splitColumn !== undefined && node.splitValue !== undefined) {
    node = row[node.splitColumn] < node.splitValue ? node.left : node.right;
  }
  return node;
}

/**
 * Fits a depth-limited tree on unstandardised encoded rows X (so thresholds read in the data's units) and 0/1 labels,
 * and returns every leaf as a rule with support and confidence counted over all rows, highest confidence first.
 */
export function explainBinary(X: number[][], features: Feature[], y: number[], label: string, options: Partial<typeof ruleDefaults> = {}): RuleSet {
  const settings = { ...ruleDefaults, ...options };
  const { tree, notes } = fitTree(X, y, { depth: settings.depth, minLeaf: settings.minLeaf, maxRows: settings.maxRows, seed: settings.seed });
  const leaves = new Map<CartNode, { path: { column: number; value: number; less: boolean }[]; support: number; positives: number }>();
  const walk = (node: CartNode, path: { column: number; value: number; less: boolean }[]): void => {
    if (node.left && node.right && node.splitColumn !== undefined && node.splitValue !== undefined) {
      walk(node.left, [...path, { column: node.splitColumn, value: node.splitValue, less: true }]);
      walk(node.right, [...path, { column: node.splitColumn, value: node.splitValue, less: false }]);
    } else leaves.set(node, { path, support: 0, positives: 0 });
  };
  walk(tree.root, []);
  let right = 0;
  X.forEach((row, i) => {
    const leaf = leaves.get(leafOf(tree.root, row));
    if (!leaf) return;
    leaf.support++;
    leaf.positives += y[i];
  });
  const rules: Rule[] = [];
  for (const leaf of leaves.values()) {
    if (leaf.support === 0) continue;
    const predictsPositive = leaf.positives * 2 > leaf.support;
    right += predictsPositive ? leaf.positives : leaf.support - leaf.positives;
    const conditions = describe(features, leaf.path);
    const confidence = leaf.positives / leaf.support;
    const when = conditions.length ? conditions.join(" and ") : "all rows";
    rules.push({
      conditions,
      support: leaf.support,
      positives: leaf.positives,
      confidence: Number(confidence.toFixed(4)),
      text: `${when} → ${Math.round(confidence * 100)} % ${label}, ${leaf.support} rows`,
    });
  }
  rules.sort((a, b) => b.confidence - a.confidence || b.support - a.support);
  const positives = y.reduce((sum, v) => sum + v, 0);
  return {
    rules,
    accuracy: Number((right / Math.max(1, X.length)).toFixed(4)),
    baseRate: Number((positives / Math.max(1, X.length)).toFixed(4)),
    rows: X.length,
    depth: settings.depth,
    notes,
  };
}

/** Rules separating one segment from the rest (rows X unstandardised, assignments from segment()). */
export function explainSegment(X: number[][], features: Feature[], assignments: number[], segmentIndex: number, options: Partial<typeof ruleDefaults> = {}): RuleSet {
  return explainBinary(
    X,
    features,
    assignments.map((a) => (a === segmentIndex ? 1 : 0)),
    `in segment ${segmentIndex + 1}`,
    options,
  );
}
