/** Reads a CoNLL-U file into sentences with their text and gold words located by character offset. */
import { readFileSync } from "node:fs";

/** One gold word: its form, UPOS tag and [start, end) offsets in the sentence text. */
export type GoldWord = { form: string; upos: string; start: number; end: number };

/** One sentence: its `# text =` line and its gold words in order. */
export type GoldSentence = { text: string; words: GoldWord[]; line: number };

type Row = { id: string; form: string; upos: string; line: number };

// Gold words appear in order in the text; a multiword token ("don't" = do + n't) owns one surface span
// that its words share out in order (by their own forms when they spell it, otherwise by length).
function locate(text: string, rows: Row[], file: string): GoldWord[] {
  const words: GoldWord[] = [];
  let cursor = 0;
  let i = 0;
  while (i < rows.length) {
    const r = rows[i];
    const range = /^(\d+)-(\d+)$/.exec(r.id);
    const at = text.indexOf(r.form, cursor);
    const start = at >= 0 && at - cursor < 40 ? at : cursor;
    const end = Math.min(text.length, start + r.form.length);
    if (!range) {
      words.push({ form: r.form, upos: r.upos, start, end });
      cursor = end;
      i++;
      continue;
    }
    const count = Number(range[2]) - Number(range[1]) + 1;
    const parts = rows.slice(i + 1, i + 1 + count);
    if (parts.length !== count) throw new Error(`${file}:${r.line}: multiword token ${r.id} is missing its words`);
    let p = start;
    parts.forEach((w, k) => {
      const fits = text.slice(p, p + w.form.length).toLowerCase() === w.form.toLowerCase();
      const wEnd = k === count - 1 ? end : Math.min(end, p + (fits ? w.form.length : Math.max(1, Math.round(r.form.length / count))));
      words.push({ form: w.form, upos: w.upos, start: p, end: Math.max(p, wEnd) });
      p = wEnd;
    });
    cursor = end;
    i += 1 + count;
  }
  return words;
}

/** Parses a CoNLL-U file; throws an error naming the file and line when it is unreadable or malformed. */
export function readConllu(file: string): GoldSentence[] {
  let raw: string;
  try {
    raw = readFileSync(file, "utf8");
  } catch (error) {
    throw new Error(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const lines = raw.split(/\r?\n/);
  const sentences: GoldSentence[] = [];
  let text: string | undefined;
  let rows: Row[] = [];
  let startLine = 0;
  const flush = (lineNo: number): void => {
    if (rows.length === 0 && text === undefined) return;
    if (text === undefined) throw new Error(`${file}:${startLine}: sentence has no "# text =" line`);
    if (rows.length === 0) throw new Error(`${file}:${lineNo}: sentence has no words`);
    sentences.push({ text, words: locate(text, rows, file), line: startLine });
    text = undefined;
    rows = [];
  };
  lines.forEach((line, idx) => {
    const lineNo = idx + 1;
    if (line.trim() === "") return flush(lineNo);
    if (rows.length === 0 && text === undefined) startLine = lineNo;
    if (line.startsWith("#")) {
      const m = /^#\s*text\s*=\s?(.*)$/.exec(line);
      if (m) text = m[1];
      return;
    }
    const cols = line.split("\t");
    if (cols.length !== 10) throw new Error(`${file}:${lineNo}: expected 10 tab-separated columns, found ${cols.length}`);
    if (!/^\d+(?:-\d+|\.\d+)?$/.test(cols[0])) throw new Error(`${file}:${lineNo}: bad word id "${cols[0]}"`);
    if (cols[0].includes(".")) return; // empty nodes of enhanced dependencies have no surface
    rows.push({ id: cols[0], form: cols[1], upos: cols[3], line: lineNo });
  });
  flush(lines.length);
  if (sentences.length === 0) throw new Error(`${file}:1: no sentences found`);
  return sentences;
}
