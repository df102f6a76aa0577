/**
 * The modelling of one refresh, on rows already read: k-means segments (named, described, explained by CART rules), the
 * PCA map and the churn model (logistic regression risk, CART drivers). All mathematics is src/analytics'.
 */
import type { InsightFeatureDTO, InsightRuleDTO } from "../../contracts/insights.ts";
import { AnalyticsInputError } from "../../analytics/errors.ts";
import { crossValidate } from "../../analytics/evaluate.ts";
import { fitLogistic } from "../../analytics/logistic.ts";
import { explainBinary, type RuleSet } from "../../analytics/rules.ts";
import { pcaMap, segment, type PcaMap } from "../../analytics/segment.ts";
import { encodeFeatures, featureTable, median, numericColumns, presentDefinitions, round, wordFor, type Encoded, type FeatureDefinition } from "./insights.features.ts";
import type { FeatureSourceRow } from "./insights.repo.ts";

/** Fewer customers than this (or too few distinct ones) get features but no segments. */
export const MIN_SEGMENT_CUSTOMERS = 10;
/** The churn model needs this many active customers, and this many of each class. */
export const MIN_CHURN_ROWS = 10;
export const MIN_CHURN_CLASS = 3;
/** Rules kept per segment and for churn. */
const MAX_RULES = { segment: 3, churn: 6 };
/** A centroid this many standard deviations from the average makes a feature distinctive. */
const DISTINCTIVE_Z = 0.4;

/** A segment as found: members, name, medians in units, top intents, distinctive features, rules. */
export type SegmentResult = {
  position: number;
  name: string;
  size: number;
  medians: Record<string, number | null>;
  topIntents: { intent: string; customers: number }[];
  distinctive: { feature: string; label: string; z: number }[];
  rules: InsightRuleDTO[];
  accuracy: number;
};

/** The churn model's outcome: figures, rules, and the risk and drivers of every active customer (by row index). */
export type ChurnResult = {
  model: { rows: number; churned: number; baseRate: number; auc: number | null; accuracy: number | null; folds: number | null };
  rules: InsightRuleDTO[];
  rulesAccuracy: number;
  risk: Map<number, { risk: number; drivers: { feature: string; label: string; value: number | null; effect: number }[] }>;
};

/** Everything a refresh computed. */
export type ModelResult = {
  definitions: InsightFeatureDTO[];
  encoded: Encoded;
  values: (number | null)[][];
  segmentation: { k: number; silhouette: number; silhouetteByK: Record<number, number>; assignments: number[]; segments: SegmentResult[]; notes: string[] } | null;
  map: PcaMap | null;
  churn: ChurnResult | null;
  messages: string[];
};

/** Options: a fixed k, the progress callback, the churn window (for the rule label). */
export type ModelOptions = { k?: number; churnDays: number; progress?(fraction: number, stage: string): Promise<void> };

const toRule = (rule: RuleSet["rules"][number]): InsightRuleDTO => ({ text: rule.text, conditions: rule.conditions, support: rule.support, positives: rule.positives, confidence: rule.confidence });

function topIntentsOf(rows: FeatureSourceRow[], members: number[]): { intent: string; customers: number }[] {
  const counts = new Map<string, number>();
  for (const i of members) for (const intent of rows[i].top_intents ?? []) counts.set(intent, (counts.get(intent) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, 3)
    .map(([intent, customers]) => ({ intent, customers }));
}

/** Which features name a segment first when they are as distinctive: purchases, then service, then the rest. */
const NAME_PRIORITY = ["orders12m", "spend12m", "recencyDays", "averageOrderValue", "negativeShare", "meanSentiment", "tickets90d", "conversations90d", "channelsUsed", "tenureDays"];
/** Purchase features in the order their words read in a name, and those whose words are nouns. */
const PURCHASE_ORDER = ["orders12m", "recencyDays", "spend12m", "averageOrderValue"];
const NOUNS = new Set(["spend12m", "averageOrderValue"]);

/**
 * The plain-words name from a segment's most distinctive features (|centroid z| ≥ 0.4, ranked by |z| to one decimal,
 * ties by NAME_PRIORITY): up to two purchase words, then the rest after a comma ("frequent big spenders, unhappy").
 */
export function nameSegment(encoded: Encoded, centroid: number[]): { name: string; distinctive: SegmentResult["distinctive"] } {
  const priority = (j: number): number => {
    const at = NAME_PRIORITY.indexOf(encoded.keys[j].definition.key);
    return at < 0 ? NAME_PRIORITY.length : at;
  };
  const ranked = centroid
    .map((z, j) => ({ z, j }))
    .filter(({ z }) => Math.abs(z) >= DISTINCTIVE_Z)
    .sort((a, b) => Math.round(Math.abs(b.z) * 10) - Math.round(Math.abs(a.z) * 10) || priority(a.j) - priority(b.j));
  const purchase: { word: string; key: string }[] = [];
  const other: string[] = [];
  for (const { z, j } of ranked) {
    const word = wordFor(encoded.keys[j], z);
    if (!word || purchase.some((p) => p.word === word) || other.includes(word)) continue;
    const isPurchase = PURCHASE_ORDER.includes(encoded.keys[j].definition.key) && !encoded.keys[j].missing;
    if (isPurchase && purchase.length < 2) purchase.push({ word, key: encoded.keys[j].definition.key });
    else if (!isPurchase && other.length < 2) other.push(word);
  }
  const distinctive = ranked.slice(0, 5).map(({ z, j }) => ({ feature: encoded.keys[j].key, label: encoded.features[j].name, z: round(z, 2) }));
  if (purchase.length === 0 && other.length === 0) return { name: "typical customers", distinctive };
  const rest = other.slice(0, 3 - purchase.length);
  if (purchase.length === 0) return { name: rest.join(", "), distinctive };
  // Adjectives (how often, how lately) before nouns (what they spend): "frequent big spenders", "lapsed buyers".
  purchase.sort((a, b) => PURCHASE_ORDER.indexOf(a.key) - PURCHASE_ORDER.indexOf(b.key));
  const nouned = purchase.some((p) => NOUNS.has(p.key));
  const head = `${purchase.map((p) => p.word).join(" ")}${nouned ? "" : " buyers"}`;
  return { name: [head, ...rest].join(", "), distinctive };
}

function uniqueNames(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((name) => {
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return n === 1 ? name : `${name} (${n})`;
  });
}

/**
 * Keeps the previous refresh's name for a segment that holds most of an old segment's members and is mostly made of
 * them (so saved CRM filters and campaign audiences keep working); the other segments take their generated names.
 */
export function carryOverNames(generated: string[], assignments: number[], previous: (string | null)[]): string[] {
  const names = [...generated];
  const oldSizes = new Map<string, number>();
  for (const name of previous) if (name) oldSizes.set(name, (oldSizes.get(name) ?? 0) + 1);
  const taken = new Set<string>();
  const inherited = new Set<number>();
  generated.forEach((_, s) => {
    const members = assignments.flatMap((a, i) => (a === s ? [i] : []));
    const counts = new Map<string, number>();
    for (const i of members) if (previous[i]) counts.set(previous[i]!, (counts.get(previous[i]!) ?? 0) + 1);
    const [best, count] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0] ?? [undefined, 0];
    if (best && !taken.has(best) && count * 2 > members.length && count * 2 > (oldSizes.get(best) ?? 0)) {
      names[s] = best;
      taken.add(best);
      inherited.add(s);
    }
  });
  // A generated name that an inherited one already uses gets a number.
  return names.map((name, s) => {
    if (inherited.has(s) || !taken.has(name)) return name;
    let n = 2;
    while (taken.has(`${name} (${n})`) || names.includes(`${name} (${n})`)) n++;
    return `${name} (${n})`;
  });
}

const minLeafFor = (rows: number): number => Math.min(20, Math.max(3, Math.round(rows / 20)));
/**
 * Rule trees are fitted on a stratified sample of this many customers (ml-cart's split search is quadratic in rows on
 * continuous features); their support, confidence and accuracy are still counted over every customer.
 */
export const RULE_SAMPLE = 500;
/** The k search and the silhouette use a seeded sample of this many customers (the final k-means uses all). */
export const SILHOUETTE_SAMPLE = 2000;

function segmentsOf(rows: FeatureSourceRow[], values: (number | null)[][], encoded: Encoded, definitions: FeatureDefinition[], k: number | undefined) {
  const result = segment(encoded.z, k === undefined ? { sampleSize: SILHOUETTE_SAMPLE } : { k, sampleSize: SILHOUETTE_SAMPLE });
  const named = result.centroids.map((centroid) => nameSegment(encoded, centroid));
  const names = carryOverNames(uniqueNames(named.map((n) => n.name)), result.assignments, rows.map((r) => r.previous_segment));
  const segments: SegmentResult[] = result.centroids.map((_, s) => {
    const members = result.assignments.flatMap((a, i) => (a === s ? [i] : []));
    const medians = Object.fromEntries(definitions.map((d, j) => [d.key, median(members.map((i) => values[i][j]))]));
    const rules = explainBinary(
      encoded.raw,
      encoded.features,
      result.assignments.map((a) => (a === s ? 1 : 0)),
      `in "${names[s]}"`,
      { minLeaf: minLeafFor(Math.min(rows.length, RULE_SAMPLE)), maxRows: RULE_SAMPLE },
    );
    return {
      position: s,
      name: names[s],
      size: members.length,
      medians,
      topIntents: topIntentsOf(rows, members),
      distinctive: named[s].distinctive,
      rules: rules.rules
        .filter((r) => r.confidence >= 0.5)
        .sort((a, b) => b.support - a.support)
        .slice(0, MAX_RULES.segment)
        .map(toRule),
      accuracy: rules.accuracy,
    };
  });
  return { k: result.k, silhouette: result.silhouette, silhouetteByK: result.silhouetteByK, assignments: result.assignments, segments, notes: result.notes };
}

/**
 * Churn: the customers active (with an order) at `past` (now − churn days), described as of then, labelled churned when
 * they ordered nothing since. A logistic regression on those rows scores today's active customers; a depth-3 tree
 * gives the drivers as rules. Null with a reason when there is too little history.
 */
async function churnOf(past: FeatureSourceRow[], current: FeatureSourceRow[], definitions: FeatureDefinition[], churnDays: number): Promise<ChurnResult | string> {
  const learn = past.filter((r) => r.orders_all > 0);
  const y: number[] = learn.map((r) => (r.ordered_after ? 0 : 1));
  const churned = y.reduce((sum, v) => sum + v, 0);
  if (learn.length < MIN_CHURN_ROWS || churned < MIN_CHURN_CLASS || learn.length - churned < MIN_CHURN_CLASS) {
    return `Churn needs at least ${MIN_CHURN_ROWS} customers who had ordered ${churnDays} days ago, ${MIN_CHURN_CLASS} of whom ordered again and ${MIN_CHURN_CLASS} did not; there are ${learn.length} (${churned} churned).`;
  }
  const active = current.flatMap((r, i) => (r.orders_all > 0 ? [i] : []));
  const { table } = featureTable([...learn, ...active.map((i) => current[i])], definitions);
  const learnRows = learn.map((_, i) => i);
  const encoded = encodeFeatures(table, definitions, learnRows);
  const folds = Math.min(5, churned, learn.length - churned);
  const evaluation = await crossValidate(
    { table, rows: learnRows, y, positive: "churned", columns: numericColumns(table, definitions, learnRows), droppedRows: 0 },
    "logistic",
    { folds, bins: 0 },
  ).catch(() => null);
  const model = fitLogistic(encoded.z, y);
  const tree = explainBinary(encoded.raw, encoded.features, y, "churn", { minLeaf: minLeafFor(Math.min(learn.length, RULE_SAMPLE)), maxRows: RULE_SAMPLE });
  const scored = encoded.encode(active.map((_, j) => learn.length + j));
  const risks = model.predict(scored.z);
  const risk = new Map<number, { risk: number; drivers: { feature: string; label: string; value: number | null; effect: number }[] }>();
  active.forEach((rowIndex, j) => {
    const drivers = model.coefficients
      .map((coefficient, c) => ({ c, effect: coefficient * scored.z[j][c] }))
      .filter(({ effect }) => effect > 0.05)
      .sort((a, b) => b.effect - a.effect)
      .slice(0, 3)
      .map(({ c, effect }) => {
        const key = encoded.keys[c];
        return { feature: key.key, label: encoded.features[c].name, value: key.missing ? null : round(scored.raw[j][c], 2), effect: round(effect, 3) };
      });
    risk.set(rowIndex, { risk: round(risks[j]), drivers });
  });
  return {
    model: { rows: learn.length, churned, baseRate: tree.baseRate, auc: evaluation?.auc ?? null, accuracy: evaluation?.accuracy ?? null, folds: evaluation ? folds : null },
    rules: tree.rules.slice(0, MAX_RULES.churn).map(toRule),
    rulesAccuracy: tree.accuracy,
    risk,
  };
}

/** Runs the whole modelling of a refresh on the current rows and the rows as of the churn window's start. */
export async function runModels(current: FeatureSourceRow[], past: FeatureSourceRow[], definitions: FeatureDefinition[], options: ModelOptions): Promise<ModelResult> {
  const messages: string[] = [];
  const { table, values } = featureTable(current, definitions);
  const encoded = encodeFeatures(table, definitions, current.map((_, i) => i));
  const presented = presentDefinitions(encoded, definitions, values);
  let segmentation: ModelResult["segmentation"] = null;
  let map: PcaMap | null = null;
  await options.progress?.(0.35, "segments");
  if (current.length < MIN_SEGMENT_CUSTOMERS) {
    messages.push(`Segments need at least ${MIN_SEGMENT_CUSTOMERS} customers; there are ${current.length}.`);
  } else {
    try {
      segmentation = segmentsOf(current, values, encoded, definitions, options.k);
      await options.progress?.(0.6, "map");
      map = pcaMap(encoded.z, encoded.features.map((f) => f.name));
    } catch (error) {
      if (!(error instanceof AnalyticsInputError)) throw error;
      messages.push(`No segments: ${error.message}.`);
      segmentation = null;
    }
  }
  await options.progress?.(0.7, "churn");
  const churn = await churnOf(past, current, definitions, options.churnDays);
  if (typeof churn === "string") messages.push(churn);
  return { definitions: presented, encoded, values, segmentation, map, churn: typeof churn === "string" ? null : churn, messages };
}
