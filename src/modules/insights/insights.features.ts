/**
 * The customer features: what each means in people's words and units, and how the SQL rows become a table that
 * src/analytics encodes (median imputation with a missing indicator) and standardises.
 */
import type { InsightFeatureDTO } from "../../contracts/insights.ts";
import { fitEncoder, fitScaler, type Feature } from "../../analytics/encode.ts";
import type { ColumnInfo, RawTable } from "../../analytics/table.ts";
import type { FeatureSourceRow } from "./insights.repo.ts";

/** A feature: its key, label, unit, source, and how to read it from a row (null when missing). */
export type FeatureDefinition = {
  key: string;
  label: string;
  unit: string;
  source: InsightFeatureDTO["source"];
  value(row: FeatureSourceRow): number | null;
  /** Words for a segment far above / below the average on this feature (its name is made of them). */
  high: string;
  low: string;
};

/** The features every customer has, computed in SQL from orders, conversations, tickets and messages. */
export const BASE_FEATURES: FeatureDefinition[] = [
  { key: "recencyDays", label: "days since last order", unit: "days", source: "orders", value: (r) => r.recency_days, high: "lapsed", low: "recent" },
  { key: "orders12m", label: "orders in 12 months", unit: "orders", source: "orders", value: (r) => r.orders_12m, high: "frequent", low: "occasional" },
  { key: "spend12m", label: "spend in 12 months", unit: "currency units", source: "orders", value: (r) => r.spend_12m, high: "big spenders", low: "small spenders" },
  { key: "averageOrderValue", label: "average order value", unit: "currency units", source: "orders", value: (r) => r.average_order_value, high: "big baskets", low: "small baskets" },
  { key: "conversations90d", label: "conversations in 90 days", unit: "conversations", source: "conversations", value: (r) => r.conversations_90d, high: "chatty", low: "quiet" },
  { key: "tickets90d", label: "tickets in 90 days", unit: "tickets", source: "tickets", value: (r) => r.tickets_90d, high: "many tickets", low: "few tickets" },
  { key: "negativeShare", label: "negative share", unit: "share of messages", source: "messages", value: (r) => r.negative_share, high: "unhappy", low: "content" },
  { key: "meanSentiment", label: "mean sentiment", unit: "score", source: "messages", value: (r) => r.mean_sentiment, high: "happy", low: "unhappy" },
  { key: "channelsUsed", label: "channels used", unit: "channels", source: "conversations", value: (r) => r.channels_used, high: "multi-channel", low: "single-channel" },
  { key: "tenureDays", label: "tenure", unit: "days", source: "customer", value: (r) => r.tenure_days, high: "long-standing", low: "new" },
];

/** Words for a segment where many lack a feature (its missing indicator is high). */
const MISSING_WORDS: Record<string, string> = {
  recencyDays: "never ordered",
  averageOrderValue: "never ordered",
  negativeShare: "never wrote",
  meanSentiment: "never wrote",
};

/** The base features plus one per numeric or boolean custom attribute (booleans read as 1 for true, 0 for false). */
export function featureDefinitions(attributes: { key: string; label: string; type: "number" | "boolean" }[]): FeatureDefinition[] {
  const extra: FeatureDefinition[] = attributes.map((a) => ({
    key: `attr.${a.key}`,
    label: a.label,
    unit: a.type === "boolean" ? "yes = 1" : "value",
    source: "attribute",
    value: (row) => {
      const v = row.attributes?.[a.key];
      if (a.type === "boolean") return typeof v === "boolean" ? (v ? 1 : 0) : null;
      return typeof v === "number" && Number.isFinite(v) ? v : null;
    },
    high: a.type === "boolean" ? a.label : `high ${a.label}`,
    low: a.type === "boolean" ? `not ${a.label}` : `low ${a.label}`,
  }));
  return [...BASE_FEATURES, ...extra];
}

/** The encoded rows of one table: the features (analytics' Feature, named by label), raw imputed values and z-scores. */
export type Encoded = {
  features: Feature[];
  /** Each encoded column's feature key ("<key>" or "<key>_missing") and the definition it comes from. */
  keys: { key: string; definition: FeatureDefinition; missing: boolean }[];
  raw: number[][];
  z: number[][];
  mean: number[];
  std: number[];
  /** Encodes more rows of the same table with the fitted medians and scales. */
  encode(rows: number[]): { raw: number[][]; z: number[][] };
};

/** The source rows as a string table the analytics encoder reads: one numeric column per feature, blanks for missing. */
export function featureTable(rows: FeatureSourceRow[], definitions: FeatureDefinition[]): { table: RawTable; values: (number | null)[][] } {
  const values = rows.map((row) => definitions.map((d) => d.value(row)));
  return { table: { columns: definitions.map((d) => d.label), rows: values.map((vs) => vs.map((v) => (v === null ? "" : String(v)))) }, values };
}

/** Every feature as a numeric column of the table, with its count of blanks over the given rows. */
export function numericColumns(table: RawTable, definitions: FeatureDefinition[], rows: number[]): ColumnInfo[] {
  return definitions.map((d, index) => ({
    name: d.label,
    index,
    kind: "numeric",
    missing: rows.filter((r) => table.rows[r][index] === "").length,
    levels: [],
  }));
}

/**
 * Fits the encoding on the given rows of the table: missing values take the median of the present ones plus a
 * "(missing)" indicator column (only for features some row lacks), then every column is standardised.
 */
export function encodeFeatures(table: RawTable, definitions: FeatureDefinition[], fitRows: number[]): Encoded {
  const infos = numericColumns(table, definitions, fitRows);
  const encoder = fitEncoder(table, infos, fitRows, { bins: 0 });
  const raw = encoder.encode(fitRows);
  const scaler = fitScaler(raw);
  const keys = encoder.features.map((f) => ({ key: f.kind === "missing" ? `${definitions[f.column].key}_missing` : definitions[f.column].key, definition: definitions[f.column], missing: f.kind === "missing" }));
  return {
    features: encoder.features,
    keys,
    raw,
    z: scaler.apply(raw),
    mean: scaler.mean,
    std: scaler.std,
    encode: (rows) => {
      const more = encoder.encode(rows);
      return { raw: more, z: scaler.apply(more) };
    },
  };
}

/** The word for a segment far from the average on an encoded column (undefined for a column without words). */
export function wordFor(key: { definition: FeatureDefinition; missing: boolean }, z: number): string | undefined {
  if (key.missing) return z > 0 ? MISSING_WORDS[key.definition.key] : undefined;
  return z > 0 ? key.definition.high : key.definition.low;
}

/** The feature list as the API shows it (medians of the numeric columns from the encoder). */
export function presentDefinitions(encoded: Encoded, definitions: FeatureDefinition[], values: (number | null)[][]): InsightFeatureDTO[] {
  return definitions.map((d, j) => {
    const column = encoded.features.findIndex((f) => f.kind === "numeric" && f.column === j);
    const feature = encoded.features[column];
    return {
      key: d.key,
      label: d.label,
      unit: d.unit,
      source: d.source,
      mean: round(encoded.mean[column] ?? 0),
      std: round(encoded.std[column] ?? 1),
      median: feature?.kind === "numeric" ? round(feature.median) : 0,
      missing: values.filter((row) => row[j] === null).length,
    };
  });
}

/** Rounds to 4 significant decimals for storage and display. */
export function round(value: number, digits = 4): number {
  return Number(value.toFixed(digits));
}

/** The median of the present values (null when none). */
export function median(values: (number | null)[]): number | null {
  const present = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  if (present.length === 0) return null;
  const mid = Math.floor(present.length / 2);
  return present.length % 2 ? present[mid] : (present[mid - 1] + present[mid]) / 2;
}
