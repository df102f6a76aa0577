/** Reads CoNLL-2003 files (token POS chunk NER per line, IOB1 or IOB2) into sentences with gold spans. */
import { readFileSync } from "node:fs";

/** A gold or predicted entity as a token range [start, end) with its CoNLL type. */
export type TokenSpan = { start: number; end: number; type: string };

/** One sentence: its tokens, the text they form joined by single spaces, each token's character offset, and the gold spans. */
export type ConllSentence = { tokens: string[]; text: string; offsets: number[]; gold: TokenSpan[] };

/** Parses a CoNLL-2003 file; throws an error naming the file and line when a line is malformed. */
export function readConll(file: string): ConllSentence[] {
  let raw: string;
  try {
    raw = readFileSync(file, "utf8");
  } catch (err) {
    throw new Error(`cannot read CoNLL file ${file}: ${(err as Error).message}`, { cause: err });
  }
  const sentences: ConllSentence[] = [];
  let tokens: string[] = [];
  let tags: string[] = [];
  const flush = () => {
    if (tokens.length) sentences.push(toSentence(tokens, tags));
    tokens = [];
    tags = [];
  };
  const lines = raw.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) {
      flush();
      continue;
    }
    if (line.startsWith("-DOCSTART-")) {
      flush();
      continue;
    }
    const cols = line.split(/\s+/);
    const tag = cols[cols.length - 1];
    if (cols.length < 2 || !/^(?:O|[BI]-[A-Z]+)$/.test(tag)) {
      throw new Error(`${file}:${i + 1}: expected "token … NER-tag" with an IOB tag, got ${JSON.stringify(line.slice(0, 80))}`);
    }
    tokens.push(cols[0]);
    tags.push(tag);
  }
  flush();
  if (!sentences.length) throw new Error(`${file}: no sentences found`);
  return sentences;
}

function toSentence(tokens: string[], tags: string[]): ConllSentence {
  const offsets: number[] = [];
  let pos = 0;
  for (const t of tokens) {
    offsets.push(pos);
    pos += t.length + 1;
  }
  return { tokens, text: tokens.join(" "), offsets, gold: spansFromTags(tags) };
}

/** Converts IOB1/IOB2 tags to token spans. */
export function spansFromTags(tags: string[]): TokenSpan[] {
  const spans: TokenSpan[] = [];
  let cur: TokenSpan | null = null;
  tags.forEach((tag, i) => {
    const [bio, type] = tag === "O" ? ["O", ""] : [tag[0], tag.slice(2)];
    if (cur && (bio !== "I" || cur.type !== type)) {
      spans.push(cur);
      cur = null;
    }
    if (bio !== "O" && !cur) cur = { start: i, end: i + 1, type };
    else if (cur) cur.end = i + 1;
  });
  if (cur) spans.push(cur);
  return spans;
}

/** Snaps a character span to the tokens it touches. */
export function toTokenSpan(s: ConllSentence, start: number, end: number, type: string): TokenSpan {
  let a = 0;
  while (a + 1 < s.offsets.length && s.offsets[a + 1] <= start) a++;
  let b = a;
  while (b + 1 < s.offsets.length && s.offsets[b + 1] < end) b++;
  return { start: a, end: b + 1, type };
}
