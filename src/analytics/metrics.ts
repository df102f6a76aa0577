/** Classification metrics: rank-based AUC (ties averaged), accuracy, F1, and the F1-best threshold. */

/** Area under the ROC curve from scores and 0/1 labels (Mann–Whitney, tied scores share their mean rank); 0.5 when one class is absent. */
export function auc(scores: number[], labels: number[]): number {
  const order = scores.map((_, i) => i).sort((a, b) => scores[a] - scores[b]);
  let positives = 0;
  let rankSum = 0;
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && scores[order[end + 1]] === scores[order[start]]) end++;
    const meanRank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) {
      if (labels[order[k]] === 1) {
        positives++;
        rankSum += meanRank;
      }
    }
    start = end + 1;
  }
  const negatives = labels.length - positives;
  if (positives === 0 || negatives === 0) return 0.5;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Share of rows whose score ≥ threshold matches the label. */
export function accuracy(scores: number[], labels: number[], threshold: number): number {
  let right = 0;
  scores.forEach((s, i) => (right += (s >= threshold ? 1 : 0) === labels[i] ? 1 : 0));
  return labels.length ? right / labels.length : 0;
}

/** F1 of the positive class when rows with score ≥ threshold are predicted positive. */
export function f1(scores: number[], labels: number[], threshold: number): number {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  scores.forEach((s, i) => {
    const predicted = s >= threshold;
    if (predicted && labels[i] === 1) tp++;
    else if (predicted) fp++;
    else if (labels[i] === 1) fn++;
  });
  return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
}

/** The score threshold that maximises F1 on the given (training) rows: each distinct score is a candidate. */
export function bestF1Threshold(scores: number[], labels: number[]): number {
  const order = scores.map((_, i) => i).sort((a, b) => scores[b] - scores[a]);
  const positives = labels.reduce((sum, label) => sum + label, 0);
  let tp = 0;
  let fp = 0;
  let best = { f1: -1, threshold: order.length ? scores[order[0]] : 0.5 };
  for (let k = 0; k < order.length; k++) {
    if (labels[order[k]] === 1) tp++;
    else fp++;
    // Only cut between distinct scores: rows with equal scores are always predicted alike.
    if (k + 1 < order.length && scores[order[k + 1]] === scores[order[k]]) continue;
    const score = (2 * tp) / (tp + fp + positives);
    if (score > best.f1) best = { f1: score, threshold: scores[order[k]] };
  }
  return best.threshold;
}
