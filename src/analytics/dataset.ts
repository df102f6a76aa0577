/** A table ready for modelling: the CSV read, the target turned into 0/1 labels, the feature columns inferred. */
import { AnalyticsInputError } from "./errors.ts";
import { columnIndex, inferColumns, readCsv, type ColumnInfo, type RawTable } from "./table.ts";

/** The table restricted to rows with a target, their 0/1 labels, and the inferred feature columns. */
export type Dataset = {
  table: RawTable;
  /** Indices (into table.rows) of the rows used: those whose target is present. */
  rows: number[];
  /** 1 when the row's target equals the positive value, aligned with `rows`. */
  y: number[];
  positive: string;
  columns: ColumnInfo[];
  /** Rows dropped because the target was blank. */
  droppedRows: number;
};

const positiveWords = ["yes", "true", "1", "y", "t", "positive", "churn", "churned"];

function choosePositive(target: string, counts: Map<string, number>): string {
  const values = [...counts.keys()];
  if (values.length > 2) {
    throw new AnalyticsInputError(
      `target "${target}" has ${values.length} values (${values.slice(0, 10).join(", ")}${values.length > 10 ? ", …" : ""}); give --positive VALUE`,
    );
  }
  const named = values.find((value) => positiveWords.includes(value.toLowerCase()));
  if (named) return named;
  // Otherwise the rarer class is the one people want found (a response, a churn).
  return values.sort((a, b) => (counts.get(a) ?? 0) - (counts.get(b) ?? 0) || a.localeCompare(b))[0];
}

/** Options naming the target, its positive value, and columns to leave out. */
export type DatasetOptions = { target: string; positive?: string; exclude?: string[] };

/** Reads the CSV and prepares it for a binary target; throws AnalyticsInputError with a clear message on bad input. */
export function loadDataset(path: string, options: DatasetOptions): Dataset {
  return prepareDataset(readCsv(path), options);
}

/** Prepares an already-read table for a binary target (see loadDataset). */
export function prepareDataset(table: RawTable, options: DatasetOptions): Dataset {
  const targetIndex = columnIndex(table, options.target);
  for (const name of options.exclude ?? []) columnIndex(table, name);
  const rows: number[] = [];
  const counts = new Map<string, number>();
  table.rows.forEach((row, i) => {
    const value = row[targetIndex];
    if (value.trim() === "") return;
    rows.push(i);
    counts.set(value, (counts.get(value) ?? 0) + 1);
  });
  if (counts.size < 2) {
    const only = [...counts.keys()][0];
    throw new AnalyticsInputError(`target "${options.target}" has one class only (${only === undefined ? "no values" : `"${only}"`}); a model needs two`);
  }
  const positive = options.positive ?? choosePositive(options.target, counts);
  if (!counts.has(positive)) {
    throw new AnalyticsInputError(`positive value "${positive}" is not in target "${options.target}"; its values are: ${[...counts.keys()].slice(0, 20).join(", ")}`);
  }
  const y = rows.map((i) => (table.rows[i][targetIndex] === positive ? 1 : 0));
  const skip = new Set([options.target, ...(options.exclude ?? [])]);
  const columns = inferColumns({ columns: table.columns, rows: rows.map((i) => table.rows[i]) }, skip);
  const usable = columns.filter((c) => c.kind !== "identifier" && c.kind !== "constant");
  if (usable.length === 0) throw new AnalyticsInputError(`no usable feature columns besides the target (identifiers and constants are dropped)`);
  return { table, rows, y, positive, columns, droppedRows: table.rows.length - rows.length };
}
