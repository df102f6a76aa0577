/**
 * The sales side's REST shapes (products, orders, sales figures, deals and stages, targets, forecast, plans), shared
 * with the console. Money is in integer cents of `currency` (ISO 4217); dates are ISO 8601 (UTC).
 */
import type { ActorRefDTO, CompanyRefDTO } from "./crm.ts";

/** A product of the catalogue; an archived one (`active: false`) stays on the orders that have it. */
export type ProductDTO = {
  id: string;
  sku: string;
  name: string;
  description: string | null;
  priceCents: number;
  currency: string;
  active: boolean;
  createdAt: string;
  updatedAt: string;
};

/** An order's status: processing → shipped → delivered, or cancelled. */
export type OrderStatus = "processing" | "shipped" | "delivered" | "cancelled";

/** Where an order or a deal came from. */
export type SalesChannelDTO = "web" | "email" | "telegram" | "whatsapp" | "slack" | "sms" | "phone" | "manual" | "import";

/** One line of an order, as it was sold (sku and name at the time). */
export type OrderItemDTO = { productId: string; sku: string; name: string; quantity: number; unitPriceCents: number; amountCents: number };

/** A user or customer as a sales record shows them. */
export type PersonRefDTO = { id: string; name: string | null };

/** An order. */
export type OrderDTO = {
  id: string;
  number: string;
  customer: (PersonRefDTO & { email: string | null }) | null;
  company: CompanyRefDTO | null;
  status: OrderStatus;
  items: OrderItemDTO[];
  totalCents: number;
  units: number;
  currency: string;
  placedAt: string;
  owner: PersonRefDTO | null;
  channel: SalesChannelDTO | null;
  dealId: string | null;
  conversationId: string | null;
  carrier: string | null;
  trackingNumber: string | null;
  estimatedDelivery: string | null;
  createdAt: string;
  updatedAt: string;
};

/** What `GET /api/v1/sales/summary` groups by. */
export type SalesGroupBy = "day" | "week" | "month" | "product" | "customer" | "company" | "owner" | "channel";

/** One group of the sales summary (`key`: an ISO date for day/week/month, an id, or a channel; null: none). */
export type SalesGroupDTO = { key: string | null; label: string; totalAmountCents: number; orderCount: number; averageOrderValueCents: number | null; unitsSold: number };

/** `GET /api/v1/sales/summary`: totals over [from, to) in one currency, cancelled orders left out. */
export type SalesSummaryDTO = {
  currency: string;
  from: string;
  to: string;
  groupBy: SalesGroupBy | null;
  totalAmountCents: number;
  orderCount: number;
  averageOrderValueCents: number | null;
  unitsSold: number;
  averageUnitPriceCents: number | null;
  groups: SalesGroupDTO[];
};

/** A stage of the pipeline. */
export type DealStageDTO = { id: string; key: string; name: string; position: number; probability: number; outcome: "open" | "won" | "lost" };

/** A deal. `probability` is the deal's own, else its stage's; `weightedAmountCents` = amount × probability. */
export type DealDTO = {
  id: string;
  title: string;
  customer: (PersonRefDTO & { email: string | null }) | null;
  company: CompanyRefDTO | null;
  owner: PersonRefDTO | null;
  amountCents: number;
  currency: string;
  stage: DealStageDTO;
  probability: number;
  weightedAmountCents: number;
  expectedCloseDate: string | null;
  conversationId: string | null;
  source: "manual" | "chat" | "import";
  closedAt: string | null;
  createdAt: string;
  updatedAt: string;
};

/** One stage change of a deal. */
export type DealStageChangeDTO = { id: string; from: DealStageDTO | null; to: DealStageDTO; actor: ActorRefDTO; at: string };

/** `GET /api/v1/deals/pipeline`: per stage, and the weighted forecast of the open deals expected to close in the period. */
export type PipelineDTO = {
  currency: string;
  stages: { stage: DealStageDTO; count: number; amountCents: number; weightedAmountCents: number }[];
  forecast: { from: string; to: string; weightedAmountCents: number; dealCount: number };
};

/** `GET /api/v1/deals/draft?conversationId=`: a deal prefilled from the products and money the customer mentioned. */
export type DealDraftDTO = { title: string; customerId: string; customerName: string | null; amountCents: number | null; currency: string; productIds: string[] };

/** `GET /api/v1/sales/targets`: one row per owner (or team) with a target in the period. */
export type TargetRowDTO = {
  owner: PersonRefDTO | null;
  team: string | null;
  period: string;
  currency: string;
  targetCents: number;
  wonCents: number;
  attainmentPercent: number | null;
  weightedPipelineCents: number;
  gapCents: number;
};

/** `GET /api/v1/sales/forecast`: weekly revenue forecast with a prediction interval. */
export type ForecastDTO = {
  currency: string;
  method: string;
  history: { weekStart: string; amountCents: number }[];
  weeks: { weekStart: string; amountCents: number; lowCents: number; highCents: number }[];
  backtest: { heldOutWeeks: number; mape: number | null } | null;
};

/** `POST /api/v1/sales/plans/lead-assignment`. */
export type LeadAssignmentPlanDTO = {
  status: "optimal";
  objectiveCents: number;
  baselineObjectiveCents: number;
  assignments: { dealId: string; ownerId: string; pWin: number }[];
  solveMs: number;
};

/**
 * `POST /api/v1/sales/plans/effort`: a month's sales hours split across segments. Revenue figures are per calendar month
 * (the period `budgetHours` is for): expected = base (what comes with no hours) + what the hours add, at most the ceiling.
 */
export type EffortPlanDTO = {
  period: "month";
  budgetHours: number;
  /** Hours no segment can use (every curve flat). */
  unallocatedHours: number;
  allocation: {
    segment: string;
    hours: number;
    expectedRevenueCents: number;
    baseRevenueCents: number;
    ceilingRevenueCents: number;
    /** Hours after which the segment's curve is flat (99% of what hours can add); it never gets more. */
    flatAfterHours: number;
    /** The segment's mean monthly revenue over the 12 months the curve comes from. */
    meanMonthlyRevenueCents: number;
    /** fitted: its own months (shrunk toward the pool); pooled: the pooled curve; none: no revenue in the window. */
    curve: "fitted" | "pooled" | "none";
  }[];
  totalExpectedRevenueCents: number;
  /** Σ meanMonthlyRevenueCents: what these segments sold in an average month of the window, to compare with. */
  historyMonthlyRevenueCents: number;
};

/** `GET /api/v1/sales/plans/reps`: an agent or manager as the plans see them (capacity null: no limit; segments empty: any). */
export type SalesRepDTO = { user: { id: string; name: string }; capacity: number | null; segments: string[]; active: boolean; openDeals: number };
