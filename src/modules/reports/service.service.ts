/** The service report: conversations, containment, hand-offs, response and resolution times, reopens, tickets and workload (see README, Reports). */
import type { CsatFigures, ServiceFigures, ServiceGroup, ServiceReportDTO, SlaBreachCounts } from "../../contracts/reports.ts";
import type { ServiceDeps } from "../deps.ts";
import { bucketsOf } from "./period.repo.ts";
import { resolvePeriod } from "./period.ts";
import { catchUpRollups, filtersOf } from "./report-sql.ts";
import type { ServiceQuery } from "./reports.schemas.ts";
import { periodFields } from "./sentiment.service.ts";
import { keyNames } from "./sentiment.repo.ts";
import { assignedRows, breachRows, conversationRows, csatRows, openedRows, resolutionRows, resolvedRows } from "./service.repo.ts";

const NO_KEY = { channel: "No channel", inbox: "No inbox", agent: "Unassigned", team: "No team" } as const;

const round = (x: number, digits: number): number => Number(x.toFixed(digits));
const ratio = (n: number, d: number): number | null => (d === 0 ? null : round(n / d, 4));
const secondsOrNull = (x: number | string | null | undefined): number | null => (x === null || x === undefined ? null : round(Number(x), 1));

/** Empty figures, filled in by each query's rows. */
function emptyFigures(): ServiceFigures {
  return {
    conversations: 0,
    contained: 0,
    containedShare: null,
    handoffs: 0,
    handoffReasons: {},
    firstResponse: { p50: null, p90: null },
    resolution: { p50: null, p90: null },
    resolutions: 0,
    reopened: 0,
    reopenRate: null,
    ticketsByStatus: { open: 0, pending: 0, resolved: 0 },
    ticketsByPriority: { low: 0, normal: 0, high: 0, urgent: 0 },
    assigned: 0,
    resolved: 0,
    medianHandleSeconds: null,
    slaBreaches: noBreaches(),
    csat: { responses: 0, meanScore: null, satisfiedShare: null },
  };
}

/** CSAT figures from a count, a sum of scores and the count of 4s and 5s. */
export function csatFigures(responses: number, scoreSum: number, satisfied: number): CsatFigures {
  return { responses, meanScore: responses === 0 ? null : round(scoreSum / responses, 4), satisfiedShare: ratio(satisfied, responses) };
}

/** No breach of any metric. */
const noBreaches = (): SlaBreachCounts => ({ firstResponse: 0, nextResponse: 0, resolution: 0, total: 0 });

/** The service report for a query: 400 VALIDATION_FAILED naming the field for a bad period, zone or grouping. */
export async function serviceReport(deps: Pick<ServiceDeps, "db" | "now">, query: ServiceQuery): Promise<ServiceReportDTO> {
  const { groupBy } = query;
  const filters = filtersOf(query);
  const bounds = await resolvePeriod(deps, query);
  const period = { ...bounds, buckets: await bucketsOf(deps.db, bounds) };
  await catchUpRollups(deps.db);
  const [conversations, opened, resolved, resolutions, assigned, breaches, csat] = await Promise.all([
    conversationRows(deps.db, period, groupBy, filters),
    openedRows(deps.db, period, groupBy, filters),
    resolvedRows(deps.db, period, groupBy, filters),
    resolutionRows(deps.db, period, groupBy, filters),
    assignedRows(deps.db, period, groupBy, filters),
    breachRows(deps.db, period, groupBy, filters),
    csatRows(deps.db, period, groupBy, filters),
  ]);
  // key → bucket number (0 for the whole period) → figures
  const groups = new Map<string, Map<number, ServiceFigures>>();
  const at = (row: { key: string; bucket: number | null }): ServiceFigures => {
    let buckets = groups.get(row.key);
    if (!buckets) groups.set(row.key, (buckets = new Map()));
    const b = Number(row.bucket ?? 0);
    let f = buckets.get(b);
    if (!f) buckets.set(b, (f = emptyFigures()));
    return f;
  };
  for (const r of conversations) Object.assign(at(r), { conversations: r.conversations, contained: r.contained });
  for (const r of opened) {
    const f = at(r);
    f.handoffs = r.handoffs;
    f.handoffReasons = Object.fromEntries(Object.entries(r.reasons ?? {}).map(([k, v]) => [k, Number(v)]).sort((a, b) => String(a[0]).localeCompare(String(b[0]))));
    f.firstResponse = { p50: secondsOrNull(r.frt_p50), p90: secondsOrNull(r.frt_p90) };
    for (const [k, v] of Object.entries(r.by_status ?? {})) f.ticketsByStatus[k as keyof ServiceFigures["ticketsByStatus"]] = Number(v);
    for (const [k, v] of Object.entries(r.by_priority ?? {})) f.ticketsByPriority[k as keyof ServiceFigures["ticketsByPriority"]] = Number(v);
  }
  for (const r of resolved) Object.assign(at(r), { resolved: r.resolved, resolution: { p50: secondsOrNull(r.res_p50), p90: secondsOrNull(r.res_p90) }, medianHandleSeconds: secondsOrNull(r.handle_p50) });
  for (const r of resolutions) Object.assign(at(r), { resolutions: r.resolutions, reopened: r.reopened });
  for (const r of assigned) at(r).assigned = r.assigned;
  const overall = noBreaches();
  for (const r of breaches) {
    const counts = { firstResponse: r.first_response, nextResponse: r.next_response, resolution: r.resolution, total: r.first_response + r.next_response + r.resolution };
    at(r).slaBreaches = counts;
    // Each breach is in one group: the whole period's rows (bucket null) add up to the report's total.
    if (r.bucket === null) for (const k of Object.keys(overall) as (keyof SlaBreachCounts)[]) overall[k] += counts[k];
  }
  const csatOverall = { responses: 0, scoreSum: 0, satisfied: 0 };
  for (const r of csat) {
    at(r).csat = csatFigures(r.responses, r.score_sum, r.satisfied);
    if (r.bucket !== null) continue;
    csatOverall.responses += r.responses;
    csatOverall.scoreSum += r.score_sum;
    csatOverall.satisfied += r.satisfied;
  }
  const names = await keyNames(deps.db, groupBy, [...groups.keys()]);
  const out: ServiceGroup[] = [...groups].map(([key, buckets]) => {
    const finish = (f: ServiceFigures): ServiceFigures => ({ ...f, containedShare: ratio(f.contained, f.conversations), reopenRate: ratio(f.reopened, f.resolutions) });
    const series = [...buckets]
      .filter(([b]) => b !== 0)
      .sort((a, b) => a[0] - b[0])
      .map(([b, f]) => ({ bucket: period.buckets.labels[b - 1], ...finish(f) }));
    return { key: key === "" ? null : key, label: key === "" ? NO_KEY[groupBy] : (names.get(key) ?? key), total: finish(buckets.get(0) ?? emptyFigures()), series };
  });
  out.sort((a, b) => b.total.conversations + b.total.handoffs - (a.total.conversations + a.total.handoffs) || a.label.localeCompare(b.label));
  return { ...periodFields(period), groupBy, groups: out, slaBreaches: overall, csat: csatFigures(csatOverall.responses, csatOverall.scoreSum, csatOverall.satisfied) };
}
