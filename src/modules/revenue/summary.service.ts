/** The sales summary: totals and groups over a half-open period in one currency, cancelled orders left out. */
import type { SalesGroupBy, SalesGroupDTO, SalesSummaryDTO } from "../../contracts/sales.ts";
import type { Database } from "../../db/index.ts";
import { AppError } from "../../errors.ts";
import type { ServiceDeps } from "../deps.ts";
import { bucketLabel, bucketsOf, bucketStart, dayStart, isoDay, addDays, splitAtMidnights, type Interval, type TimeUnit } from "./periods.ts";
import { orderCurrencies, orderDays, orderGroups, rollupCurrencies, rollupDays, rollupProducts, type DayRow, type Dimension, type GroupRow } from "./summary.repo.ts";

/** What the summary is asked for (from/to default to the last 30 UTC days, today included). */
export type SummaryQuery = { from?: Date; to?: Date; currency?: string; groupBy?: SalesGroupBy };

/** The currency figures are given in when nothing was sold (the orders table's default). */
export const DEFAULT_CURRENCY = "USD";

// Ten years of days: the most a day-by-day chart is asked to draw.
const MAX_SPAN_DAYS = 3660;

const TIME_UNITS: readonly string[] = ["day", "week", "month"];

/** Total ÷ count rounded to whole cents, null when there is nothing to divide by. */
export function averageCents(total: number, count: number): number | null {
  return count === 0 ? null : Math.round(total / count);
}

/**
 * The currency of a period: the one asked for, else the only one sold in, else USD when nothing was sold; several
 * without a choice is a 400 naming `currency` and listing them.
 */
export function chooseCurrency(asked: string | undefined, sold: string[]): string {
  if (asked !== undefined) return asked;
  if (sold.length > 1) {
    const reason = `the period has sales in ${sold.join(", ")}: choose one with currency=`;
    throw new AppError("VALIDATION_FAILED", `Invalid input: currency: ${reason}`, { currency: reason });
  }
  return sold[0] ?? DEFAULT_CURRENCY;
}

/** The period asked for, checked: `to` after `from`, at most ten years. */
function periodOf(query: SummaryQuery, now: Date): Interval {
  const to = query.to ?? dayStart(addDays(isoDay(now), 1));
  const from = query.from ?? new Date(to.getTime() - 30 * 86_400_000);
  if (to.getTime() <= from.getTime()) throw new AppError("VALIDATION_FAILED", "Invalid input: to: to must be after from", { to: "to must be after from" });
  if (to.getTime() - from.getTime() > MAX_SPAN_DAYS * 86_400_000) {
    throw new AppError("VALIDATION_FAILED", "Invalid input: to: the period is at most ten years", { to: "the period is at most ten years" });
  }
  return { from, to };
}

/** True when the rollups can answer the groups asked for (time, product or none); the other groups read the orders. */
function rollupsServe(groupBy: SalesGroupBy | undefined): groupBy is TimeUnit | "product" | undefined {
  return groupBy === undefined || TIME_UNITS.includes(groupBy) || groupBy === "product";
}

function group(key: string | null, label: string, amountCents: number, orderCount: number, units: number): SalesGroupDTO {
  return { key, label, totalAmountCents: amountCents, orderCount, averageOrderValueCents: averageCents(amountCents, orderCount), unitsSold: units };
}

/** Every bucket of the period in order, empty ones as zeros (a chart needs them). */
function timeGroups(days: DayRow[], period: Interval, unit: TimeUnit): SalesGroupDTO[] {
  const sums = new Map(bucketsOf(period, unit).map((start) => [start, { amount: 0, orders: 0, units: 0 }]));
  for (const d of days) {
    const sum = sums.get(bucketStart(d.day, unit))!;
    sum.amount += d.amountCents;
    sum.orders += d.orderCount;
    sum.units += d.units;
  }
  return [...sums].map(([start, s]) => group(start, bucketLabel(start, unit), s.amount, s.orders, s.units));
}

const NONE_LABEL: Record<Dimension, string> = {
  product: "Unknown product",
  customer: "No customer",
  company: "No company",
  owner: "No owner",
  channel: "Unknown channel",
};

/** Groups by amount, largest first (then by label), the "none" group labelled. */
function dimensionGroups(found: GroupRow[], by: Dimension): SalesGroupDTO[] {
  return found
    .map((g) => group(g.key, g.label ?? (g.key === null ? NONE_LABEL[by] : g.key), g.amountCents, g.orderCount, g.units))
    .sort((a, b) => b.totalAmountCents - a.totalAmountCents || a.label.localeCompare(b.label) || String(a.key).localeCompare(String(b.key)));
}

/** Product groups of several pieces of the period as one: amounts, orders and units summed per product. */
function mergeGroups(pieces: GroupRow[][]): GroupRow[] {
  const merged = new Map<string | null, GroupRow>();
  for (const g of pieces.flat()) {
    const sum = merged.get(g.key);
    if (!sum) merged.set(g.key, { ...g });
    else Object.assign(sum, { label: sum.label ?? g.label, amountCents: sum.amountCents + g.amountCents, orderCount: sum.orderCount + g.orderCount, units: sum.units + g.units });
  }
  return [...merged.values()];
}

/**
 * Whole UTC days from the rollups, the partial days at the edges from the orders, added up: each order is in exactly
 * one piece (the rollups are per UTC day of `placed_at`), so sums and counts, per product too, are exact.
 */
async function readPieces(db: Database, period: Interval, query: SummaryQuery): Promise<{ currency: string; days: DayRow[]; products: GroupRow[][] }> {
  const pieces = splitAtMidnights(period);
  const currencies = async (): Promise<string[]> => {
    const found = await Promise.all(pieces.map((p) => (p.whole ? rollupCurrencies(db, p.interval) : orderCurrencies(db, p.interval))));
    return [...new Set(found.flat())].sort();
  };
  const currency = chooseCurrency(query.currency, query.currency ? [] : await currencies());
  const days = await Promise.all(pieces.map((p) => (p.whole ? rollupDays(db, p.interval, currency) : orderDays(db, p.interval, currency))));
  const products =
    query.groupBy === "product" ? await Promise.all(pieces.map((p) => (p.whole ? rollupProducts(db, p.interval, currency) : orderGroups(db, p.interval, currency, "product")))) : [];
  return { currency, days: days.flat(), products };
}

async function read(db: Database, period: Interval, query: SummaryQuery): Promise<{ currency: string; days: DayRow[]; groups: SalesGroupDTO[] }> {
  const by = query.groupBy;
  if (!rollupsServe(by)) {
    const currency = chooseCurrency(query.currency, query.currency ? [] : await orderCurrencies(db, period));
    const [days, found] = await Promise.all([orderDays(db, period, currency), orderGroups(db, period, currency, by)]);
    return { currency, days, groups: dimensionGroups(found, by) };
  }
  const { currency, days, products } = await readPieces(db, period, query);
  if (by === undefined) return { currency, days, groups: [] };
  if (by === "product") return { currency, days, groups: dimensionGroups(mergeGroups(products), by) };
  return { currency, days, groups: timeGroups(days, period, by) };
}

/**
 * The summary of [from, to): total amount (Σ unit price × quantity), orders, average order value (total ÷ orders),
 * units, average unit price (total ÷ units), and the groups asked for, which add up to the totals (product groups'
 * order counts excepted: an order with two products counts in both).
 */
export async function getSalesSummary(deps: Pick<ServiceDeps, "db" | "now">, query: SummaryQuery): Promise<SalesSummaryDTO> {
  const period = periodOf(query, deps.now());
  const { currency, days, groups } = await read(deps.db, period, query);
  const total = days.reduce((s, d) => ({ amount: s.amount + d.amountCents, orders: s.orders + d.orderCount, units: s.units + d.units }), { amount: 0, orders: 0, units: 0 });
  return {
    currency,
    from: period.from.toISOString(),
    to: period.to.toISOString(),
    groupBy: query.groupBy ?? null,
    totalAmountCents: total.amount,
    orderCount: total.orders,
    averageOrderValueCents: averageCents(total.amount, total.orders),
    unitsSold: total.units,
    averageUnitPriceCents: averageCents(total.amount, total.units),
    groups,
  };
}
