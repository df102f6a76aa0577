/** Reads the team-written entity test set (JSON Lines of {"text", "entities", "context"?}) with line-precise errors. */
import { readFileSync } from "node:fs";
import type { Entity, EntityType } from "../../contracts/nlp.ts";
import type { EntityContext } from "./types.ts";

/** One gold entity; `value` is compared only when present. */
export type GoldEntity = { type: EntityType; start: number; end: number; value?: Entity["value"] };

/** One labelled message with its optional per-line context (country, products, now). */
export type TestExample = { line: number; text: string; entities: GoldEntity[]; context: { now?: string; defaultCountry?: string; products?: EntityContext["products"] } };

const TYPES = new Set<string>(["person", "organization", "place", "email", "phone", "url", "money", "date", "time", "number", "order_number", "invoice_number", "tracking_number", "product"]);

/** Parses the test set; throws an error naming the file and line of the first malformed example. */
export function readTestSet(file: string): TestExample[] {
  let raw: string;
  try {
    raw = readFileSync(file, "utf8");
  } catch (err) {
    throw new Error(`cannot read entity test set ${file}: ${(err as Error).message}`, { cause: err });
  }
  const out: TestExample[] = [];
  raw.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    const where = `${file}:${i + 1}`;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch (err) {
      throw new Error(`${where}: invalid JSON (${(err as Error).message})`, { cause: err });
    }
    const r = row as { text?: unknown; entities?: unknown; context?: unknown };
    if (typeof r.text !== "string" || !Array.isArray(r.entities)) throw new Error(`${where}: expected {"text": string, "entities": [...]}`);
    const text = r.text;
    const entities = r.entities.map((e: unknown, k: number): GoldEntity => {
      const g = e as Partial<GoldEntity>;
      if (!g || typeof g.type !== "string" || !TYPES.has(g.type)) throw new Error(`${where}: entity ${k} has unknown type ${JSON.stringify(g?.type)}`);
      if (!Number.isInteger(g.start) || !Number.isInteger(g.end) || (g.start as number) < 0 || (g.end as number) > text.length || (g.start as number) >= (g.end as number)) {
        throw new Error(`${where}: entity ${k} (${g.type}) has offsets outside the text`);
      }
      return { type: g.type, start: g.start as number, end: g.end as number, ...(g.value !== undefined ? { value: g.value } : {}) };
    });
    const context = (r.context ?? {}) as TestExample["context"];
    out.push({ line: i + 1, text, entities, context });
  });
  if (!out.length) throw new Error(`${file}: no examples found`);
  return out;
}
