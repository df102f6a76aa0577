/** Features for the learned (cross-validated) sentiment model: the rule analyser's parts plus words and word pairs. */
import type { Token } from "../../contracts/nlp.ts";
import type { FeatureVector } from "./logreg.ts";
import type { SentimentParts } from "./score.ts";

// Word features are many and each is weak; a small value keeps them from drowning the rule features.
const WORD_VALUE = 0.15;
const NEGATORS = new Set(["not", "n't", "nt", "no", "never", "nothing", "nobody", "none", "without", "cannot"]);

/** Builds one document's feature vector from its tokens and its rule-scored parts. */
export function sentimentFeatures(tokens: Token[], parts: SentimentParts): FeatureVector {
  const x: FeatureVector = new Map();
  const add = (name: string, v = 1): void => {
    x.set(name, (x.get(name) ?? 0) + v);
  };
  add("bias");
  add("score", Math.tanh(parts.score / 4));
  add("pos", Math.tanh(parts.positive / 4));
  add("neg", Math.tanh(parts.negative / 4));
  add("comparative", Math.tanh((parts.score / Math.max(1, parts.wordCount)) * 2));
  add(parts.score > 0.5 ? "sgn+" : parts.score < -0.5 ? "sgn-" : "sgn0");
  if (parts.question) add("question");
  if (parts.contrast) add("contrast");
  if (parts.negated > 0) add("negated");
  add("excl", Math.min(parts.exclamations, 3) / 3);
  for (const id of parts.ruleIds) add("rule:" + id);
  for (const [source, sum] of Object.entries(parts.bySource)) add("src:" + source, Math.tanh(sum / 3));
  for (const d of parts.drivers) if (d.kind === "emoji") add(d.weight > 0 ? "emoji+" : "emoji-");
  let negate = 0;
  let prev = "<s>";
  for (const t of tokens) {
    let w = t.text.toLowerCase().replace(/’/g, "'");
    if (w.startsWith("@")) w = "@user";
    else if (/^(?:https?:|www\.)/.test(w)) w = "<url>";
    else if (/^\d/.test(w)) w = "<num>";
    if (/^[.,;:!?]+$/.test(w)) negate = 0;
    const word = negate > 0 ? "NOT_" + w : w;
    add("w:" + word, WORD_VALUE);
    add("b:" + prev + "_" + w, WORD_VALUE);
    prev = w;
    negate = NEGATORS.has(w) ? 3 : Math.max(0, negate - 1);
  }
  return x;
}
