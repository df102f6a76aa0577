/**
 * Escalation drivers: a depth-limited CART tree (src/analytics) over the year's conversations, labelled escalated when a
 * human took the conversation (a ticket was opened for it, or it is in hand-off), read as rules with support and confidence.
 */
import type { InsightEscalationDTO, InsightRuleDTO } from "../../contracts/insights.ts";
import { fitEncoder } from "../../analytics/encode.ts";
import { explainBinary } from "../../analytics/rules.ts";
import type { ColumnInfo } from "../../analytics/table.ts";
import type { EscalationSourceRow } from "./response.repo.ts";

/** The tree needs this many conversations, and this many escalated and not. */
export const ESCALATION_NEEDS = { conversations: 10, perClass: 3 } as const;
/** Rules kept, and the tree's depth (readability). */
const MAX_RULES = 6;
const RULE_SAMPLE = 500;

/** The conversation features the tree splits on, in the words the rules read in. */
export const ESCALATION_FEATURES: { key: keyof EscalationSourceRow; label: string }[] = [
  { key: "customer_messages", label: "customer messages" },
  { key: "negative_share", label: "negative share" },
  { key: "min_sentiment", label: "lowest sentiment" },
  { key: "mean_sentiment", label: "mean sentiment" },
  { key: "first_message_chars", label: "first message length" },
  { key: "orders_12m", label: "orders in 12 months" },
  { key: "tenure_days", label: "tenure days" },
];

/** What the summary keeps of the escalation tree (the GET /insights/escalation answer without its run id). */
export type EscalationResult = Omit<InsightEscalationDTO, "runId">;

/** Fits the escalation tree on the conversations; a result with `message` and no rules when there are too few. */
export function escalationDrivers(rows: EscalationSourceRow[]): EscalationResult {
  const y: number[] = rows.map((r) => (r.escalated ? 1 : 0));
  const escalated = y.reduce((sum, v) => sum + v, 0);
  const features = ESCALATION_FEATURES.map((f) => ({ key: f.key, label: f.label }));
  const base = { conversations: rows.length, escalated, features };
  if (rows.length < ESCALATION_NEEDS.conversations || escalated < ESCALATION_NEEDS.perClass || rows.length - escalated < ESCALATION_NEEDS.perClass) {
    return {
      ...base,
      baseRate: rows.length ? Number((escalated / rows.length).toFixed(4)) : null,
      rules: [],
      accuracy: null,
      message: `Escalation drivers need at least ${ESCALATION_NEEDS.conversations} conversations from the last 365 days, ${ESCALATION_NEEDS.perClass} handed to a human and ${ESCALATION_NEEDS.perClass} not; there are ${rows.length} (${escalated} handed over).`,
    };
  }
  const table = {
    columns: ESCALATION_FEATURES.map((f) => f.label),
    rows: rows.map((r) => ESCALATION_FEATURES.map((f) => (r[f.key] === null ? "" : String(r[f.key])))),
  };
  const all = rows.map((_, i) => i);
  const infos: ColumnInfo[] = ESCALATION_FEATURES.map((f, index) => ({ name: f.label, index, kind: "numeric", missing: table.rows.filter((r) => r[index] === "").length, levels: [] }));
  const encoder = fitEncoder(table, infos, all, { bins: 0 });
  const tree = explainBinary(encoder.encode(all), encoder.features, y, "handed to a human", {
    minLeaf: Math.min(20, Math.max(3, Math.round(Math.min(rows.length, RULE_SAMPLE) / 20))),
    maxRows: RULE_SAMPLE,
  });
  const rules: InsightRuleDTO[] = tree.rules.slice(0, MAX_RULES).map((r) => ({ text: r.text.replace(/ rows$/, " conversations"), conditions: r.conditions, support: r.support, positives: r.positives, confidence: r.confidence }));
  return { ...base, baseRate: tree.baseRate, rules, accuracy: tree.accuracy, message: null };
}
