/** Plain-text tables for the human-readable output (without --json). */

/** Formats rows as an aligned table with the given columns (header = key). */
export function table(rows: Record<string, unknown>[], columns?: string[]): string {
  if (rows.length === 0) return "(no rows)";
  const cols = columns ?? [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (v: unknown): string => (v === null || v === undefined ? "–" : typeof v === "object" ? JSON.stringify(v) : String(v));
  const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (values: string[]): string => values.map((v, i) => v.padStart(widths[i])).join("  ");
  return [line(cols), line(widths.map((w) => "-".repeat(w))), ...rows.map((r) => line(cols.map((c) => cell(r[c]))))].join("\n");
}

/** Formats a flat object as "key  value" lines. */
export function keyValues(values: Record<string, unknown>): string {
  const width = Math.max(...Object.keys(values).map((k) => k.length));
  return Object.entries(values)
    .map(([k, v]) => `${k.padEnd(width)}  ${v === null || v === undefined ? "–" : typeof v === "object" ? JSON.stringify(v) : String(v)}`)
    .join("\n");
}
