/** The silhouette of a clustering (mean over rows of (b − a) / max(a, b)), over all rows or a given sample of them. */

/** Pairwise Euclidean distances between the given rows, stored once so several clusterings can be scored cheaply. */
export type DistanceTable = { size: number; at(i: number, j: number): number };

/** Computes the distances between the rows of X (kept as the upper triangle in 32-bit floats). */
export function distanceTable(X: number[][]): DistanceTable {
  const size = X.length;
  const offsets = new Float64Array(size);
  for (let i = 1; i < size; i++) offsets[i] = offsets[i - 1] + (size - i);
  const values = new Float32Array((size * (size - 1)) / 2);
  for (let i = 0; i < size; i++) {
    const a = X[i];
    for (let j = i + 1; j < size; j++) {
      const b = X[j];
      let sum = 0;
      for (let d = 0; d < a.length; d++) sum += (a[d] - b[d]) ** 2;
      values[offsets[i] + (j - i - 1)] = Math.sqrt(sum);
    }
  }
  return {
    size,
    at: (i, j) => (i === j ? 0 : i < j ? values[offsets[i] + (j - i - 1)] : values[offsets[j] + (i - j - 1)]),
  };
}

/** Mean silhouette of the labels (one per row of the distance table); a row alone in its cluster scores 0. */
export function silhouette(distances: DistanceTable, labels: number[]): number {
  const k = Math.max(...labels) + 1;
  const n = distances.size;
  const sizes = new Array<number>(k).fill(0);
  for (const label of labels) sizes[label]++;
  let total = 0;
  const sums = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    sums.fill(0);
    for (let j = 0; j < n; j++) if (j !== i) sums[labels[j]] += distances.at(i, j);
    const own = labels[i];
    if (sizes[own] <= 1) continue;
    const a = sums[own] / (sizes[own] - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && sizes[c] > 0) b = Math.min(b, sums[c] / sizes[c]);
    if (Number.isFinite(b) && Math.max(a, b) > 0) total += (b - a) / Math.max(a, b);
  }
  return n ? total / n : 0;
}
