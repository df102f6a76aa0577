/** The sentiment report: per group and bucket, customer messages' mood and how conversations ended (see README, Reports). */
import type { SentimentFigures, SentimentGroup, SentimentReportDTO } from "../../contracts/reports.ts";
import type { ServiceDeps } from "../deps.ts";
import { bucketsOf } from "./period.repo.ts";
import { resolvePeriod, rollupHours, type ReportPeriod } from "./period.ts";
import { activeFilters, catchUpRollups, filtersOf, ROLLUP_DIMENSIONS, type Buckets, type FilterValues, type SentimentDimension } from "./report-sql.ts";
import type { SentimentQuery } from "./reports.schemas.ts";
import { conversationSums, keyNames, messageSums, type BucketRow, type ConversationSumsRow, type MessageSumsRow } from "./sentiment.repo.ts";

/** Labels of the group without a key, per grouping. */
const NO_KEY: Record<SentimentDimension, string> = {
  channel: "No channel",
  inbox: "No inbox",
  agent: "No agent (bot or queue)",
  team: "No team (never handed off, or no team)",
  intent: "No intent",
  topic: "No key phrase",
  tier: "No tier",
  segment: "No segment",
};

/** The grouping a report uses (every one the contract names). */
export function sentimentDimension(groupBy: SentimentQuery["groupBy"]): SentimentDimension {
  return groupBy;
}

type Sums = { messages: number; scoreSum: number; negative: number; neutral: number; positive: number; conversations: number; worsened: number; turnedAround: number; changeSum: number; changes: number };

const zero = (): Sums => ({ messages: 0, scoreSum: 0, negative: 0, neutral: 0, positive: 0, conversations: 0, worsened: 0, turnedAround: 0, changeSum: 0, changes: 0 });
const round = (x: number, digits: number): number => Number(x.toFixed(digits));
const ratio = (n: number, d: number, digits: number): number | null => (d === 0 ? null : round(n / d, digits));

/** Figures from sums: means and shares are ratios of sums, so rollup rows and raw rows give the same answer. */
function figures(s: Sums): SentimentFigures {
  return {
    messages: s.messages,
    meanScore: ratio(s.scoreSum, s.messages, 3),
    negativeShare: ratio(s.negative, s.messages, 4),
    neutralShare: ratio(s.neutral, s.messages, 4),
    positiveShare: ratio(s.positive, s.messages, 4),
    conversations: s.conversations,
    worsened: s.worsened,
    turnedAround: s.turnedAround,
    agentChange: ratio(s.changeSum, s.changes, 3),
    agentConversations: s.changes,
  };
}

function add(into: Sums, m?: MessageSumsRow, c?: ConversationSumsRow): void {
  if (m) {
    into.messages += Number(m.messages);
    into.scoreSum += Number(m.score_sum);
    into.negative += Number(m.negative);
    into.neutral += Number(m.neutral);
    into.positive += Number(m.positive);
  }
  if (c) {
    into.conversations += Number(c.conversations);
    into.worsened += Number(c.worsened);
    into.turnedAround += Number(c.turned_around);
    into.changeSum += Number(c.change_sum);
    into.changes += Number(c.changes);
  }
}

/** Groups of bucketed rows, keyed, each with its points in time order and its whole-period total. */
function groupSeries<R extends BucketRow, F>(rows: R[], buckets: Buckets, toFigures: (rows: R[]) => F): Map<string, { total: F; series: (F & { bucket: string })[] }> {
  const byKey = new Map<string, Map<number, R[]>>();
  for (const row of rows) {
    let points = byKey.get(row.key);
    if (!points) byKey.set(row.key, (points = new Map()));
    const index = Number(row.bucket_index);
    points.set(index, [...(points.get(index) ?? []), row]);
  }
  const out = new Map<string, { total: F; series: (F & { bucket: string })[] }>();
  for (const [key, points] of byKey) {
    const ordered = [...points].sort((a, b) => a[0] - b[0]);
    out.set(key, { total: toFigures(ordered.flatMap(([, r]) => r)), series: ordered.map(([index, r]) => ({ bucket: buckets.labels[index - 1], ...toFigures(r) })) });
  }
  return out;
}

/** Builds the report's groups from message and conversation rows. */
async function buildGroups(
  deps: Pick<ServiceDeps, "db">,
  dimension: SentimentDimension,
  buckets: Buckets,
  messageRows: MessageSumsRow[],
  conversationRows: ConversationSumsRow[],
): Promise<SentimentGroup[]> {
  type Row = (MessageSumsRow | ConversationSumsRow) & { kind: "m" | "c" };
  const rows: Row[] = [...messageRows.map((r) => ({ ...r, kind: "m" as const })), ...conversationRows.map((r) => ({ ...r, kind: "c" as const }))];
  const sumsOf = (list: Row[]): SentimentFigures => {
    const s = zero();
    for (const r of list) add(s, r.kind === "m" ? (r as MessageSumsRow) : undefined, r.kind === "c" ? (r as ConversationSumsRow) : undefined);
    return figures(s);
  };
  const grouped = groupSeries(rows, buckets, sumsOf);
  const names = await keyNames(deps.db, dimension, [...grouped.keys()]);
  return [...grouped]
    .map(([key, g]) => ({ key: key === "" ? null : key, label: key === "" ? NO_KEY[dimension] : (names.get(key) ?? key), total: g.total, series: g.series }))
    .sort((a, b) => b.total.messages - a.total.messages || a.label.localeCompare(b.label));
}

/** Whether the hourly rollups can answer a grouping under filters: they keep one dimension per row, so only filters on it. */
export function rollupsServe(dimension: SentimentDimension, filters: FilterValues): boolean {
  return ROLLUP_DIMENSIONS.includes(dimension) && activeFilters(filters).every(([name]) => name === dimension);
}

/** The sentiment report for a query: 400 VALIDATION_FAILED naming the field for a bad period, zone or grouping. */
export async function sentimentReport(deps: Pick<ServiceDeps, "db" | "now">, query: SentimentQuery): Promise<SentimentReportDTO> {
  const dimension = sentimentDimension(query.groupBy);
  const period = await resolvePeriod(deps, query);
  const filters = filtersOf(query);
  const hours = rollupsServe(dimension, filters) ? await rollupHours(deps, period) : null;
  const buckets = await bucketsOf(deps.db, period);
  await catchUpRollups(deps.db);
  const [messageRows, conversationRows] = await Promise.all([messageSums(deps.db, period, buckets, dimension, filters, hours), conversationSums(deps.db, period, buckets, dimension, filters)]);
  return {
    ...periodFields(period),
    groupBy: query.groupBy,
    source: hours ? "rollups" : "raw",
    groups: await buildGroups(deps, dimension, buckets, messageRows, conversationRows),
  };
}

/** The period as a report states it. */
export function periodFields(period: ReportPeriod): { from: string; to: string; interval: ReportPeriod["interval"]; timezone: string } {
  return { from: period.from.toISOString(), to: period.to.toISOString(), interval: period.interval, timezone: period.timezone };
}
