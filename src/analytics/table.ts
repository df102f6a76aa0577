/** Reads a CSV into a raw table and infers each column's kind (numeric, categorical, boolean, identifier, constant). */
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { AnalyticsInputError } from "./errors.ts";

/** A CSV as read: the header and the rows as trimmed strings. */
export type RawTable = { columns: string[]; rows: string[][] };

/** What a column is used as: numbers, one-hot levels, a 0/1 flag, or dropped (identifier, constant). */
export type ColumnKind = "numeric" | "categorical" | "boolean" | "identifier" | "constant";

/** A column's inferred kind, its count of missing cells and, for categorical and boolean columns, its levels by frequency. */
export type ColumnInfo = { name: string; index: number; kind: ColumnKind; missing: number; levels: string[] };

/** Cells read as missing: blank, or one of these (case-insensitive). */
const missingTokens = new Set(["", "na", "n/a", "nan", "null", "none", "unknown", "?", "-", "#n/a"]);
/** Pairs of words read as a boolean column (the first of each pair is true). */
const booleanPairs = [
  ["yes", "no"],
  ["true", "false"],
  ["y", "n"],
  ["t", "f"],
];

/** Whether a cell counts as missing. */
export function isMissing(cell: string): boolean {
  return missingTokens.has(cell.trim().toLowerCase());
}

/** Parses a cell as a finite number, or returns undefined. */
export function toNumber(cell: string): number | undefined {
  if (cell.trim() === "") return undefined;
  const value = Number(cell);
  return Number.isFinite(value) ? value : undefined;
}

/** Reads a CSV file with a header row; throws AnalyticsInputError when it cannot be read or holds no data rows. */
export function readCsv(path: string): RawTable {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new AnalyticsInputError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, trim: true, relax_column_count: false }) as string[][];
  } catch (error) {
    throw new AnalyticsInputError(`${path} is not a readable CSV: ${(error as Error).message}`);
  }
  if (records.length < 2) throw new AnalyticsInputError(`${path} has no data rows (a header row and at least one row are needed)`);
  const [columns, ...rows] = records;
  return { columns, rows };
}

/** Returns a column's index, or throws a clear error naming the columns the file has. */
export function columnIndex(table: RawTable, name: string): number {
  const index = table.columns.indexOf(name);
  if (index < 0) throw new AnalyticsInputError(`column "${name}" is not in the file; its columns are: ${table.columns.join(", ")}`);
  return index;
}

function levelsByFrequency(values: string[]): string[] {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([level]) => level);
}

function looksLikeIdentifier(name: string, present: string[], numbers: number[] | undefined, rowCount: number): boolean {
  if (present.length !== rowCount || rowCount < 3 || new Set(present).size !== rowCount) return false;
  if (!numbers) return true;
  // A numeric column is an identifier only if it is a run of integers or named like one: an all-distinct amount is a feature.
  if (!numbers.every(Number.isInteger)) return false;
  const span = Math.max(...numbers) - Math.min(...numbers) + 1;
  return span === rowCount || /(^|[^a-z])id$|^id([^a-z]|$)|Id$/i.test(name);
}

/** Infers the kind of every column except the skipped ones (the target, the excluded). */
export function inferColumns(table: RawTable, skip: Set<string>): ColumnInfo[] {
  const infos: ColumnInfo[] = [];
  table.columns.forEach((name, index) => {
    if (skip.has(name)) return;
    const present = table.rows.map((row) => row[index]).filter((cell) => !isMissing(cell));
    const missing = table.rows.length - present.length;
    const parsed = present.map(toNumber);
    const numbers = parsed.every((value) => value !== undefined) ? (parsed as number[]) : undefined;
    const levels = levelsByFrequency(present);
    let kind: ColumnKind;
    if (levels.length <= 1) kind = "constant";
    else if (looksLikeIdentifier(name, present, numbers, table.rows.length)) kind = "identifier";
    else if (numbers) kind = "numeric";
    else if (missing === 0 && levels.length === 2 && isBooleanPair(levels)) kind = "boolean";
    else kind = "categorical";
    infos.push({ name, index, kind, missing, levels: kind === "numeric" ? [] : orderBoolean(kind, levels) });
  });
  return infos;
}

function isBooleanPair(levels: string[]): boolean {
  const lower = levels.map((level) => level.toLowerCase()).sort();
  return booleanPairs.some((pair) => [...pair].sort().join() === lower.join());
}

/** Puts a boolean column's true word first, so the encoded flag means "yes"/"true". */
function orderBoolean(kind: ColumnKind, levels: string[]): string[] {
  if (kind !== "boolean") return levels;
  const truthy = new Set(booleanPairs.map((pair) => pair[0]));
  return truthy.has(levels[0].toLowerCase()) ? levels : [levels[1], levels[0]];
}
