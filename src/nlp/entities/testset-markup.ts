/**
 * Converts the team's marked-up sentences (nlp-models/entities/test-source.txt and dev-source.txt, entities written
 * [[type|text]] or [[type|text|value]], "\n" for a line break) into test.jsonl and dev.jsonl with character offsets.
 * Run: npx tsx src/nlp/entities/testset-markup.ts
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ENTITY_MODEL_DIR } from "./gazetteer.ts";
import type { GoldEntity } from "./testset.ts";

const MARK = /\[\[([a-z_]+)\|([^|\]]+)(?:\|([^\]]+))?\]\]/g;

function parseValue(type: string, raw: string): GoldEntity["value"] {
  if (type === "money") {
    const [amount, currency] = raw.trim().split(/\s+/);
    return { amount: Number(amount), currency };
  }
  if (type === "number") return Number(raw);
  return raw;
}

/** Turns one marked-up line into {text, entities, context?}. */
export function parseMarkupLine(line: string): { text: string; entities: GoldEntity[]; context?: { defaultCountry: string } } {
  // "\n" in the source stands for a line break inside the message.
  let body = line.replace(/\\n/g, "\n");
  let context: { defaultCountry: string } | undefined;
  const country = /^@([A-Z]{2})\s+/.exec(body);
  if (country) {
    context = { defaultCountry: country[1] };
    body = body.slice(country[0].length);
  }
  let text = "";
  let last = 0;
  const entities: GoldEntity[] = [];
  for (const m of body.matchAll(MARK)) {
    text += body.slice(last, m.index);
    const start = text.length;
    text += m[2];
    const e: GoldEntity = { type: m[1] as GoldEntity["type"], start, end: text.length };
    if (m[3] !== undefined) e.value = parseValue(m[1], m[3]);
    entities.push(e);
    last = (m.index ?? 0) + m[0].length;
  }
  text += body.slice(last);
  return context ? { text, entities, context } : { text, entities };
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  for (const name of ["test", "dev"]) {
    const src = readFileSync(path.join(ENTITY_MODEL_DIR, `${name}-source.txt`), "utf8").split(/\r?\n/);
    const rows = src.filter((l) => l.trim() && !l.startsWith("#")).map((l) => JSON.stringify(parseMarkupLine(l)));
    writeFileSync(path.join(ENTITY_MODEL_DIR, `${name}.jsonl`), rows.join("\n") + "\n");
    process.stdout.write(`${name}.jsonl: ${rows.length} examples\n`);
  }
}
