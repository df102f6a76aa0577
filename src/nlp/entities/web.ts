/** E-mail addresses and URLs. */
import { candidate, type Candidate } from "./types.ts";

const EMAIL_RE = /\b[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}\b/g;
const TLDS = "com|org|net|io|co|uk|de|fr|es|it|nl|eu|us|ca|au|in|info|biz|app|dev|shop|store|me|ly|gl|tv|ai|gov|edu";
const URL_RE = new RegExp(
  String.raw`\b(?:https?:\/\/|www\.)[^\s<>"']+|\b[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.(?:${TLDS})\b(?:\/[^\s<>"']*)?`,
  "gi",
);

/** Finds e-mail addresses (value lower-cased) and URLs (value with a scheme). */
export function findWeb(text: string): Candidate[] {
  const out: Candidate[] = [];
  const emailSpans: [number, number][] = [];
  EMAIL_RE.lastIndex = 0;
  for (let m = EMAIL_RE.exec(text); m; m = EMAIL_RE.exec(text)) {
    out.push(candidate("email", m.index, m.index + m[0].length, m[0].toLowerCase(), 90));
    emailSpans.push([m.index, m.index + m[0].length]);
  }
  URL_RE.lastIndex = 0;
  for (let m = URL_RE.exec(text); m; m = URL_RE.exec(text)) {
    const start = m.index;
    if (emailSpans.some(([s, e]) => start >= s && start < e)) continue;
    if (start > 0 && text[start - 1] === "@") continue;
    // Trailing sentence punctuation and unbalanced brackets belong to the sentence, not the URL.
    let raw = m[0].replace(/[.,;:!?'")\]]+$/, "");
    if (raw.includes("(") && !raw.includes(")")) raw = raw.slice(0, raw.indexOf("("));
    if (/^\d+(?:\.\d+)+$/.test(raw)) continue;
    const value = /^https?:\/\//i.test(raw) ? raw : `https://${raw}`;
    out.push(candidate("url", start, start + raw.length, value, 85));
  }
  return out;
}
