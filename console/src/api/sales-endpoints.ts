/** The sales side's REST calls: products, orders, deals and stages, figures, targets, forecast and plans. */
import type { Page } from "../../../src/contracts/api.ts";
import type {
  DealDTO,
  DealStageChangeDTO,
  DealStageDTO,
  EffortPlanDTO,
  ForecastDTO,
  LeadAssignmentPlanDTO,
  OrderDTO,
  OrderStatus,
  PipelineDTO,
  ProductDTO,
  SalesGroupBy,
  SalesSummaryDTO,
  TargetRowDTO,
} from "../../../src/contracts/sales.ts";
import { query, request } from "./http.ts";

type Data<T> = { data: T };

const id = (value: string): string => encodeURIComponent(value);

/** How many rows one page of a sales list asks for. */
export const SALES_PAGE_SIZE = 25;

/** One page of the catalogue; `active` "false" lists archived products, unset lists every product. */
export async function listProducts(params: { q?: string; active?: "true" | "false"; cursor?: string | null; limit?: number }): Promise<Page<ProductDTO>> {
  return request<Page<ProductDTO>>("GET", `/products${query({ limit: SALES_PAGE_SIZE, ...params })}`);
}

/** What a product is created or edited with. */
export type ProductInput = { sku: string; name: string; description: string | null; priceCents: number; currency: string };

/** Adds a product (409 PRODUCT_EXISTS when the SKU is taken). */
export async function createProduct(body: ProductInput): Promise<ProductDTO> {
  return (await request<Data<ProductDTO>>("POST", "/products", body)).data;
}

/** Edits a product. */
export async function updateProduct(productId: string, body: Partial<ProductInput> & { active?: boolean }): Promise<ProductDTO> {
  return (await request<Data<ProductDTO>>("PATCH", `/products/${id(productId)}`, body)).data;
}

/** Archives a product: it leaves the catalogue and stays on the orders that have it. */
export async function archiveProduct(productId: string): Promise<void> {
  await request<unknown>("DELETE", `/products/${id(productId)}`);
}

/** The orders list's filters. */
export type OrderFilters = { status: OrderStatus | ""; customerId: string; from: string; to: string };

/** One page of orders, newest first. */
export async function listOrders(filters: OrderFilters, cursor: string | null): Promise<Page<OrderDTO>> {
  return request<Page<OrderDTO>>("GET", `/orders${query({ ...filters, cursor, limit: SALES_PAGE_SIZE })}`);
}

/** One order. */
export async function getOrder(orderId: string): Promise<OrderDTO> {
  return (await request<Data<OrderDTO>>("GET", `/orders/${id(orderId)}`)).data;
}

/** What a new order is recorded with. */
export type NewOrder = { customerId: string; items: { productId: string; quantity: number; unitPriceCents?: number }[]; currency?: string; dealId?: string; conversationId?: string };

/** Records an order. */
export async function createOrder(body: NewOrder): Promise<OrderDTO> {
  return (await request<Data<OrderDTO>>("POST", "/orders", body)).data;
}

/** Changes an order's status, carrier or tracking number. */
export async function updateOrder(orderId: string, body: { status?: OrderStatus; carrier?: string | null; trackingNumber?: string | null }): Promise<OrderDTO> {
  return (await request<Data<OrderDTO>>("PATCH", `/orders/${id(orderId)}`, body)).data;
}

/** The pipeline's stages, in order. */
export async function listStages(): Promise<DealStageDTO[]> {
  return (await request<Data<DealStageDTO[]>>("GET", "/deals/stages")).data;
}

/** What a new stage is added with: its name, default win probability (0–100) and outcome (default open), last unless `position`. */
export type StageInput = { name: string; probability: number; outcome?: DealStageDTO["outcome"]; position?: number };

/** Adds a pipeline stage (admins). */
export async function createStage(body: StageInput): Promise<DealStageDTO> {
  return (await request<Data<DealStageDTO>>("POST", "/deals/stages", body)).data;
}

/** Renames a stage, changes its default probability, or moves it to another position (admins). */
export async function updateStage(stageId: string, changes: { name?: string; probability?: number; position?: number }): Promise<DealStageDTO> {
  return (await request<Data<DealStageDTO>>("PATCH", `/deals/stages/${id(stageId)}`, changes)).data;
}

/** Deletes a stage no deal is in or passed through (409 STAGE_IN_USE otherwise). */
export async function deleteStage(stageId: string): Promise<void> {
  await request("DELETE", `/deals/stages/${id(stageId)}`);
}

/** The deals list's filters. */
export type DealFilters = { stage?: string; status?: "open" | "won" | "lost"; ownerId?: string; customerId?: string; conversationId?: string; limit?: number };

/** One page of deals (agents get their own and unowned ones). */
export async function listDeals(filters: DealFilters, cursor: string | null = null): Promise<Page<DealDTO>> {
  return request<Page<DealDTO>>("GET", `/deals${query({ limit: SALES_PAGE_SIZE, ...filters, cursor })}`);
}

/** One deal. */
export async function getDeal(dealId: string): Promise<DealDTO> {
  return (await request<Data<DealDTO>>("GET", `/deals/${id(dealId)}`)).data;
}

/** A deal's stage changes. */
export async function getDealHistory(dealId: string): Promise<DealStageChangeDTO[]> {
  return (await request<Data<DealStageChangeDTO[]>>("GET", `/deals/${id(dealId)}/history`)).data;
}

/** What a deal is created with. */
export type NewDeal = { title: string; customerId: string; amountCents: number; currency?: string; stage?: string; ownerId?: string; expectedCloseDate?: string; conversationId?: string };

/** Creates a deal. */
export async function createDeal(body: NewDeal): Promise<DealDTO> {
  return (await request<Data<DealDTO>>("POST", "/deals", body)).data;
}

/** The fields of a deal the console edits. */
export type DealChanges = { title?: string; amountCents?: number; stage?: string; ownerId?: string | null; expectedCloseDate?: string | null; probability?: number | null };

/** Edits a deal or moves it to another stage. */
export async function updateDeal(dealId: string, changes: DealChanges): Promise<DealDTO> {
  return (await request<Data<DealDTO>>("PATCH", `/deals/${id(dealId)}`, changes)).data;
}

/** Deletes a deal (managers). */
export async function deleteDeal(dealId: string): Promise<void> {
  await request<unknown>("DELETE", `/deals/${id(dealId)}`);
}

/** Per stage: count, amount and weighted amount; won and lost count the deals closed in [from, to) (default this month). */
export async function getPipeline(params: { from?: string; to?: string; currency?: string } = {}): Promise<PipelineDTO> {
  return (await request<Data<PipelineDTO>>("GET", `/deals/pipeline${query(params)}`)).data;
}

/** A new deal's prefill from a conversation's words (products and money mentioned). */
export type DealDraft = { title: string; customerId: string; customerName: string | null; amountCents: number | null; currency: string; productIds: string[] };

/** The prefill of "Create deal" in a conversation. */
export async function getDealDraft(conversationId: string): Promise<DealDraft> {
  return (await request<Data<DealDraft>>("GET", `/deals/draft${query({ conversationId })}`)).data;
}

/** Sales figures over [from, to), optionally grouped. */
export async function getSummary(params: { from: string; to: string; groupBy?: SalesGroupBy }): Promise<SalesSummaryDTO> {
  return (await request<Data<SalesSummaryDTO>>("GET", `/sales/summary${query(params)}`)).data;
}

/** Targets and attainment per owner for a period ("2026-12" or "2026-Q4"). */
export async function getTargets(period: string): Promise<TargetRowDTO[]> {
  return (await request<Data<TargetRowDTO[]>>("GET", `/sales/targets${query({ period })}`)).data;
}

/** Sets an owner's target for a period. */
export async function setTarget(body: { ownerId: string; period: string; amountCents: number }): Promise<TargetRowDTO> {
  return (await request<Data<TargetRowDTO>>("PUT", "/sales/targets", body)).data;
}

/** The weekly revenue history and forecast with its prediction interval. */
export async function getForecast(weeks = 12): Promise<ForecastDTO> {
  return (await request<Data<ForecastDTO>>("GET", `/sales/forecast${query({ weeks })}`)).data;
}

/** A sales rep as the plans see them. */
export type SalesRep = { user: { id: string; name: string }; capacity: number | null; segments: string[]; active: boolean; openDeals: number };

/** The reps the plans assign to. */
export async function listReps(): Promise<SalesRep[]> {
  return (await request<Data<SalesRep[]>>("GET", "/sales/plans/reps")).data;
}

/** Changes a rep's capacity (null: no limit), segments or whether the plans assign to them. */
export async function updateRep(userId: string, body: { capacity?: number | null; segments?: string[]; active?: boolean }): Promise<SalesRep> {
  return (await request<Data<SalesRep>>("PUT", `/sales/plans/reps/${id(userId)}`, body)).data;
}

/** Proposes who should own which open deal (HiGHS): the unowned ones, or every open one with `reassign`. */
export async function proposeLeadAssignment(body: { capacity?: number; reassign?: boolean }): Promise<LeadAssignmentPlanDTO> {
  return (await request<Data<LeadAssignmentPlanDTO>>("POST", "/sales/plans/lead-assignment", body)).data;
}

/** Applies (part of) a lead-assignment plan. */
export async function applyLeadAssignment(assignments: { dealId: string; ownerId: string }[]): Promise<number> {
  return (await request<Data<{ applied: number }>>("POST", "/sales/plans/lead-assignment/apply", { assignments })).data.applied;
}

/** Splits a budget of sales hours across segments (dynamic programming). */
export async function planEffort(budgetHours: number): Promise<EffortPlanDTO> {
  return (await request<Data<EffortPlanDTO>>("POST", "/sales/plans/effort", { budgetHours })).data;
}
