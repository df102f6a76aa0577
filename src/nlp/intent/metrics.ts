/** Measurement helpers: temperature fitting, expected calibration error, macro-F1, threshold choice, percentiles. */

function nll(logits: Float64Array[], y: number[], temperature: number): number {
  let total = 0;
  logits.forEach((z, n) => {
    let max = -Infinity;
    for (const s of z) if (s > max) max = s;
    let sum = 0;
    for (const s of z) sum += Math.exp((s - max) / temperature);
    total += Math.log(sum) - (z[y[n]] - max) / temperature;
  });
  return total / Math.max(1, logits.length);
}

/** Temperature minimising the negative log-likelihood of held-out logits (golden-section search on log T). */
export function fitTemperature(logits: Float64Array[], y: number[]): number {
  if (logits.length === 0) return 1;
  let lo = Math.log(0.02);
  let hi = Math.log(20);
  const ratio = (Math.sqrt(5) - 1) / 2;
  for (let i = 0; i < 40; i++) {
    const a = hi - ratio * (hi - lo);
    const b = lo + ratio * (hi - lo);
    if (nll(logits, y, Math.exp(a)) < nll(logits, y, Math.exp(b))) hi = b;
    else lo = a;
  }
  return Math.exp((lo + hi) / 2);
}

/** Expected calibration error over equal-width confidence bins: the gap between confidence and accuracy, weighted by bin size. */
export function expectedCalibrationError(confidences: number[], correct: boolean[], bins = 15): number {
  const count = new Array<number>(bins).fill(0);
  const conf = new Array<number>(bins).fill(0);
  const hits = new Array<number>(bins).fill(0);
  confidences.forEach((c, i) => {
    const b = Math.min(bins - 1, Math.floor(c * bins));
    count[b]++;
    conf[b] += c;
    if (correct[i]) hits[b]++;
  });
  let ece = 0;
  for (let b = 0; b < bins; b++) if (count[b]) ece += Math.abs(conf[b] - hits[b]) / confidences.length;
  return ece;
}

/** Macro-averaged F1 over the gold labels (a prediction of an unseen label only costs precision elsewhere). */
export function macroF1(gold: string[], predicted: string[]): number {
  const labels = [...new Set(gold)];
  const tp = new Map<string, number>();
  const fp = new Map<string, number>();
  const fn = new Map<string, number>();
  gold.forEach((g, i) => {
    const p = predicted[i];
    if (g === p) tp.set(g, (tp.get(g) ?? 0) + 1);
    else {
      fn.set(g, (fn.get(g) ?? 0) + 1);
      fp.set(p, (fp.get(p) ?? 0) + 1);
    }
  });
  let sum = 0;
  for (const l of labels) {
    const t = tp.get(l) ?? 0;
    const denominator = 2 * t + (fp.get(l) ?? 0) + (fn.get(l) ?? 0);
    sum += denominator ? (2 * t) / denominator : 0;
  }
  return labels.length ? sum / labels.length : 0;
}

/** A scored in-scope prediction: its top confidence and whether the top label is right. */
export type ScoredInScope = { confidence: number; correct: boolean };

/** Share of out-of-scope messages assumed in customer traffic when choosing a threshold (0.5 would weigh both sides equally). */
export const DEFAULT_OOS_SHARE = 0.25;

/**
 * Picks the confidence threshold maximising expected accuracy on traffic of which `oosShare` is out of scope:
 * (1 − share) × in-scope accuracy (answering unknown counts wrong) + share × out-of-scope recall.
 */
export function chooseThreshold(inScope: ScoredInScope[], oosConfidences: number[], oosShare = DEFAULT_OOS_SHARE): { threshold: number; inScopeAccuracy: number; oosRecall: number } {
  const candidates = [...new Set([...inScope.map((s) => s.confidence), ...oosConfidences])].sort((a, b) => a - b);
  let best = { threshold: 0, inScopeAccuracy: 0, oosRecall: 0, objective: -1 };
  // Step through a few hundred quantiles rather than every distinct value: same optimum, far less work.
  const step = Math.max(1, Math.floor(candidates.length / 400));
  for (let i = 0; i < candidates.length; i += step) {
    const threshold = candidates[i];
    const inScopeAccuracy = inScope.filter((s) => s.correct && s.confidence >= threshold).length / Math.max(1, inScope.length);
    const oosRecall = oosConfidences.filter((c) => c < threshold).length / Math.max(1, oosConfidences.length);
    const objective = (1 - oosShare) * inScopeAccuracy + oosShare * oosRecall;
    if (objective > best.objective) best = { threshold, inScopeAccuracy, oosRecall, objective };
  }
  return { threshold: best.threshold, inScopeAccuracy: best.inScopeAccuracy, oosRecall: best.oosRecall };
}

/** Largest share of in-scope accuracy (against answering everything) that the threshold may give up when none is named. */
export const DEFAULT_MAX_IN_SCOPE_LOSS = 0.01;

/** How a threshold is chosen: within an in-scope accuracy budget (the default), or by expected accuracy at an out-of-scope share. */
export type ThresholdRule = { maxInScopeLoss: number } | { oosShare: number };

/**
 * Picks the highest threshold (so the highest out-of-scope recall) at which in-scope accuracy is at most `maxInScopeLoss`
 * below its value with no threshold. Rejecting a wrong in-scope answer costs nothing here (it was wrong anyway); only
 * right answers turned into "I don't know" spend the budget. The in-scope side comes first because a needless handover
 * is paid on every answerable message, and the budget keeps that cost fixed whatever the out-of-scope traffic looks like,
 * which validation sets with a few hundred out-of-scope queries cannot tell.
 */
export function chooseThresholdWithinBudget(inScope: ScoredInScope[], oosConfidences: number[], maxInScopeLoss = DEFAULT_MAX_IN_SCOPE_LOSS): { threshold: number; inScopeAccuracy: number; oosRecall: number } {
  const n = Math.max(1, inScope.length);
  const correct = inScope.filter((s) => s.correct).map((s) => s.confidence).sort((a, b) => a - b);
  // Right answers that may be lost; the threshold sits just above the confidence of the last one lost, below the next.
  const allowed = Math.floor(maxInScopeLoss * n + 1e-9);
  const threshold = allowed >= correct.length ? 1 : allowed === 0 ? (correct[0] ?? 0) : correct[allowed];
  const inScopeAccuracy = correct.filter((c) => c >= threshold).length / n;
  const oosRecall = oosConfidences.filter((c) => c < threshold).length / Math.max(1, oosConfidences.length);
  return { threshold, inScopeAccuracy, oosRecall };
}

/** Applies a threshold rule. */
export function chooseThresholdBy(rule: ThresholdRule, inScope: ScoredInScope[], oosConfidences: number[]): { threshold: number; inScopeAccuracy: number; oosRecall: number } {
  return "maxInScopeLoss" in rule ? chooseThresholdWithinBudget(inScope, oosConfidences, rule.maxInScopeLoss) : chooseThreshold(inScope, oosConfidences, rule.oosShare);
}

/** The q-th percentile (0–100) of a list of numbers. */
export function percentile(values: number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((q / 100) * sorted.length) - 1))];
}
