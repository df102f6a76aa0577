/** Segmentation: k-means (ml-kmeans, k-means++ with seeded restarts), k chosen by silhouette, and a two-component PCA map (ml-pca). */
import { kmeans } from "ml-kmeans";
import { PCA } from "ml-pca";
import { AnalyticsInputError } from "./errors.ts";
import { randomSample } from "./random.ts";
import { distanceTable, silhouette } from "./silhouette.ts";

/** Defaults: k searched over 2–10, restarts per k, the sample size above which silhouette and the k search use a sample. */
export const segmentDefaults = { minK: 2, maxK: 10, restarts: 5, searchRestarts: 3, sampleSize: 4000, seed: 1, maxIterations: 100 };

/** Options for segment(): a fixed k, or overrides of the defaults. */
export type SegmentOptions = Partial<typeof segmentDefaults> & { k?: number };

/** A clustering: each row's segment, the centroids (standardised units), and the within-cluster sum of squares. */
export type Clustering = { assignments: number[]; centroids: number[][]; inertia: number };

/** The result of segment(): k, its silhouette (and every k tried), the clustering, sizes, and notes on sampling. */
export type Segmentation = Clustering & { k: number; silhouette: number; silhouetteByK: Record<number, number>; sizes: number[]; notes: string[] };

function inertiaOf(X: number[][], assignments: number[], centroids: number[][]): number {
  let total = 0;
  X.forEach((row, i) => row.forEach((v, d) => (total += (v - centroids[assignments[i]][d]) ** 2)));
  return total;
}

/** Runs k-means with k-means++ initialisation from several seeds and keeps the run with the lowest inertia. */
export function clusterRows(X: number[][], k: number, restarts: number, seed: number, maxIterations = segmentDefaults.maxIterations): Clustering {
  let best: Clustering | undefined;
  for (let r = 0; r < restarts; r++) {
    const result = kmeans(X, k, { initialization: "kmeans++", seed: seed + r, maxIterations });
    const inertia = inertiaOf(X, result.clusters, result.centroids);
    if (!best || inertia < best.inertia) best = { assignments: result.clusters, centroids: result.centroids, inertia };
  }
  return best as Clustering;
}

/** Clusters standardised rows: with options.k as given, otherwise the k in 2–10 with the best silhouette. */
export function segment(X: number[][], options: SegmentOptions = {}): Segmentation {
  const settings = { ...segmentDefaults, ...options };
  const distinct = new Set(X.map((row) => row.join(","))).size;
  const maxK = Math.min(settings.maxK, distinct - 1);
  if (options.k !== undefined && (!Number.isInteger(options.k) || options.k < 2 || options.k > distinct)) {
    throw new AnalyticsInputError(`k must be an integer from 2 to the number of distinct rows (${distinct})`);
  }
  if (options.k === undefined && maxK < settings.minK) throw new AnalyticsInputError(`too few distinct rows (${distinct}) to find segments`);
  const notes: string[] = [];
  const sample = randomSample(X.length, settings.sampleSize, settings.seed);
  const sampled = sample.map((i) => X[i]);
  if (sample.length < X.length) {
    notes.push(`silhouette computed on a seeded sample of ${sample.length} of ${X.length} rows`);
    if (options.k === undefined) notes.push(`k chosen on that sample (${settings.searchRestarts} restarts per k), then fitted on all rows`);
  }
  const distances = distanceTable(sampled);
  const silhouetteByK: Record<number, number> = {};
  let k = options.k ?? settings.minK;
  if (options.k === undefined) {
    let bestScore = -Infinity;
    for (let candidate = settings.minK; candidate <= maxK; candidate++) {
      const trial = clusterRows(sampled, candidate, settings.searchRestarts, settings.seed);
      const score = silhouette(distances, trial.assignments);
      silhouetteByK[candidate] = Number(score.toFixed(4));
      if (score > bestScore + 1e-9) [bestScore, k] = [score, candidate];
    }
  }
  const clustering = clusterRows(X, k, settings.restarts, settings.seed);
  const score = silhouette(distances, sample.map((i) => clustering.assignments[i]));
  const sizes = new Array<number>(k).fill(0);
  for (const a of clustering.assignments) sizes[a]++;
  return { ...clustering, k, silhouette: Number(score.toFixed(4)), silhouetteByK, sizes, notes };
}

/** A two-component PCA map: each row's coordinates, each component's share of variance, and its strongest loadings. */
export type PcaMap = {
  points: [number, number][];
  explainedVariance: [number, number];
  loadings: { component: 1 | 2; features: { feature: string; loading: number }[] }[];
};

/** Projects standardised rows on their first two principal components (covariance method: fast for many rows). */
export function pcaMap(X: number[][], featureNames: string[], topLoadings = 5): PcaMap {
  if (X.length < 2 || (X[0]?.length ?? 0) < 2) throw new AnalyticsInputError("a PCA map needs at least two rows and two features");
  const pca = new PCA(X, { method: "covarianceMatrix", center: true, scale: false });
  const projected = pca.predict(X, { nComponents: 2 });
  const explained = pca.getExplainedVariance();
  const loadings = pca.getLoadings();
  return {
    points: projected.to2DArray().map((row) => [row[0], row[1] ?? 0]),
    explainedVariance: [Number(explained[0].toFixed(4)), Number((explained[1] ?? 0).toFixed(4))],
    loadings: ([1, 2] as const).map((component) => ({
      component,
      features: loadings
        .getRow(component - 1)
        .map((loading, j) => ({ feature: featureNames[j], loading: Number(loading.toFixed(4)) }))
        .sort((a, b) => Math.abs(b.loading) - Math.abs(a.loading))
        .slice(0, topLoadings),
    })),
  };
}
