/** Turns a raw table into numbers fitted on training rows only: medians and missing indicators, one-hot levels, standardisation. */
import { isMissing, toNumber, type ColumnInfo, type RawTable } from "./table.ts";

/** One column of the design matrix and how it reads to a person. */
export type Feature =
  | { kind: "numeric"; name: string; column: number; median: number }
  | { kind: "missing"; name: string; column: number }
  | { kind: "flag"; name: string; column: number; trueLevel: string }
  | { kind: "bin"; name: string; column: number; low: number; high: number; median: number }
  | { kind: "level"; name: string; column: number; source: string; level: string; members: Set<string> | "rest" };

/** The fitted encoding: its features and the function that turns rows of the table into numbers (not standardised). */
export type Encoder = { features: Feature[]; encode(rows: number[]): number[][] };

/** Defaults: at most this many levels per categorical column (the rarest pooled into "other"), each seen at least minLevelCount times (tables of 100 rows or more). */
export const encodingDefaults = { maxLevels: 20, minLevelCount: 5 };

/** The level a missing categorical cell gets. */
export const missingLevel = "missing";

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function categoricalFeatures(table: RawTable, info: ColumnInfo, trainRows: number[]): Feature[] {
  const counts = new Map<string, number>();
  for (const r of trainRows) {
    const cell = table.rows[r][info.index];
    const level = isMissing(cell) ? missingLevel : cell;
    counts.set(level, (counts.get(level) ?? 0) + 1);
  }
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  // On a small table every level counts; on a larger one a level seen fewer than minLevelCount times is noise.
  const minCount = trainRows.length >= 100 ? encodingDefaults.minLevelCount : 1;
  const kept = ranked.filter(([, count]) => count >= minCount).slice(0, encodingDefaults.maxLevels - 1);
  const features: Feature[] = kept.map(([level]) => ({
    kind: "level",
    name: `${info.name} = ${level}`,
    column: info.index,
    source: info.name,
    level,
    members: new Set([level]),
  }));
  if (kept.length < ranked.length) {
    features.push({ kind: "level", name: `${info.name} = other`, column: info.index, source: info.name, level: "other", members: "rest" });
  }
  return features;
}

/**
 * Quantile bins of a numeric column as 0/1 features (a column with few distinct values gets one per value), so a linear
 * model can follow a non-linear effect or a sentinel value such as 999 for "never".
 */
function binFeatures(name: string, column: number, values: number[], bins: number): Feature[] {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  const cuts = [...new Set(Array.from({ length: bins - 1 }, (_, b) => sorted[Math.floor(((b + 1) * sorted.length) / bins)]))];
  const med = sorted[Math.floor(sorted.length / 2)];
  const edges = [-Infinity, ...cuts.filter((cut) => cut > sorted[0]).map((cut) => cut), Infinity];
  // Bins are (low, high]; each cut is the last value kept below it, so repeated values never straddle a bin edge.
  const bounds = edges.map((edge, i) => (i === 0 || i === edges.length - 1 ? edge : (sorted.filter((v) => v < edge).pop() ?? edge)));
  const features: Feature[] = [];
  for (let b = 0; b + 1 < bounds.length; b++) {
    const [low, high] = [bounds[b], bounds[b + 1]];
    if (low === high) continue;
    features.push({ kind: "bin", name: `${name} in (${low}, ${high}]`, column, low, high, median: med });
  }
  return features.length > 1 ? features : [];
}

/** Fits the encoding of the given columns on the training rows (medians, levels), ready to encode any rows of the table. */
export function fitEncoder(table: RawTable, infos: ColumnInfo[], trainRows: number[], options: { bins: number } = { bins: 0 }): Encoder {
  const features: Feature[] = [];
  for (const info of infos) {
    if (info.kind === "numeric") {
      const present = trainRows.map((r) => table.rows[r][info.index]).filter((cell) => !isMissing(cell));
      features.push({ kind: "numeric", name: info.name, column: info.index, median: median(present.map((cell) => Number(cell))) });
      if (info.missing > 0) features.push({ kind: "missing", name: `${info.name} (missing)`, column: info.index });
      if (options.bins > 1) features.push(...binFeatures(info.name, info.index, present.map(Number), options.bins));
    } else if (info.kind === "boolean") {
      features.push({ kind: "flag", name: info.name, column: info.index, trueLevel: info.levels[0] });
    } else if (info.kind === "categorical") {
      features.push(...categoricalFeatures(table, info, trainRows));
    }
  }
  const valueOf = (feature: Feature, cell: string): number => {
    switch (feature.kind) {
      case "numeric":
        return isMissing(cell) ? feature.median : (toNumber(cell) ?? feature.median);
      case "bin": {
        const value = isMissing(cell) ? feature.median : (toNumber(cell) ?? feature.median);
        return value > feature.low && value <= feature.high ? 1 : 0;
      }
      case "missing":
        return isMissing(cell) ? 1 : 0;
      case "flag":
        return cell.toLowerCase() === feature.trueLevel.toLowerCase() ? 1 : 0;
      case "level": {
        const level = isMissing(cell) ? missingLevel : cell;
        return feature.members === "rest" ? 0 : feature.members.has(level) ? 1 : 0;
      }
    }
  };
  const restOf = new Map<number, Set<string>>();
  for (const f of features) {
    if (f.kind === "level" && f.members !== "rest") restOf.set(f.column, new Set([...(restOf.get(f.column) ?? []), f.level]));
  }
  const encode = (rows: number[]): number[][] =>
    rows.map((r) => {
      const row = table.rows[r];
      return features.map((f) => {
        if (f.kind === "level" && f.members === "rest") {
          const cell = row[f.column];
          return restOf.get(f.column)?.has(isMissing(cell) ? missingLevel : cell) ? 0 : 1;
        }
        return valueOf(f, row[f.column]);
      });
    });
  return { features, encode };
}

/** Per-column mean and standard deviation, fitted on training rows, applied to any rows. */
export type Scaler = { mean: number[]; std: number[]; apply(X: number[][]): number[][] };

/** Fits standardisation (mean 0, standard deviation 1; a constant column keeps scale 1) on the given rows. */
export function fitScaler(X: number[][]): Scaler {
  const p = X[0]?.length ?? 0;
  const mean = new Array<number>(p).fill(0);
  const std = new Array<number>(p).fill(0);
  for (const row of X) for (let j = 0; j < p; j++) mean[j] += row[j] / X.length;
  for (const row of X) for (let j = 0; j < p; j++) std[j] += (row[j] - mean[j]) ** 2 / X.length;
  for (let j = 0; j < p; j++) std[j] = Math.sqrt(std[j]) || 1;
  return { mean, std, apply: (rows) => rows.map((row) => row.map((v, j) => (v - mean[j]) / std[j])) };
}
