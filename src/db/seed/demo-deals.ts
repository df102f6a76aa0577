/**
 * The demo deals: deals in every stage for the demo customers, owned by the demo agents and manager, with stage histories
 * over the last five months (won and lost ones closed in past months), open ones expected to close over the coming weeks;
 * and the demo users as sales reps. Deterministic: the same rows relative to `now` on every run; skipped when the demo
 * customers have deals already.
 */
import { inArray } from "drizzle-orm";
import type { Database } from "../client.ts";
import { tables } from "../index.ts";
import { demoAgents } from "./demo-data.ts";

const DAY_MS = 86_400_000;

/** Final stage, days since it was opened, days since it closed (won and lost) or until it is expected to (open). */
type DemoDealPlan = { stage: "lead" | "qualified" | "proposal" | "negotiation" | "won" | "lost"; openedDaysAgo: number; days: number };

/** The demo pipeline, one entry per deal. */
export const DEMO_DEAL_PLAN: readonly DemoDealPlan[] = [
  { stage: "lead", openedDaysAgo: 3, days: 21 },
  { stage: "lead", openedDaysAgo: 8, days: 35 },
  { stage: "lead", openedDaysAgo: 1, days: 14 },
  { stage: "lead", openedDaysAgo: 12, days: 42 },
  { stage: "qualified", openedDaysAgo: 20, days: 10 },
  { stage: "qualified", openedDaysAgo: 27, days: 24 },
  { stage: "qualified", openedDaysAgo: 15, days: 30 },
  { stage: "proposal", openedDaysAgo: 34, days: 7 },
  { stage: "proposal", openedDaysAgo: 41, days: 18 },
  { stage: "proposal", openedDaysAgo: 25, days: 12 },
  { stage: "negotiation", openedDaysAgo: 55, days: 5 },
  { stage: "negotiation", openedDaysAgo: 48, days: 9 },
  { stage: "negotiation", openedDaysAgo: 62, days: 16 },
  { stage: "won", openedDaysAgo: 150, days: 120 },
  { stage: "won", openedDaysAgo: 120, days: 95 },
  { stage: "won", openedDaysAgo: 95, days: 64 },
  { stage: "won", openedDaysAgo: 70, days: 40 },
  { stage: "won", openedDaysAgo: 50, days: 22 },
  { stage: "won", openedDaysAgo: 30, days: 6 },
  { stage: "lost", openedDaysAgo: 140, days: 110 },
  { stage: "lost", openedDaysAgo: 100, days: 75 },
  { stage: "lost", openedDaysAgo: 60, days: 33 },
  { stage: "lost", openedDaysAgo: 45, days: 12 },
];

const OPEN_PATH = ["lead", "qualified", "proposal", "negotiation"] as const;

/** The stages a deal went through to reach its final one (a lost deal dropped out after qualifying or a proposal). */
function pathTo(stage: DemoDealPlan["stage"], index: number): string[] {
  if (stage === "won") return [...OPEN_PATH, "won"];
  if (stage === "lost") return [...OPEN_PATH.slice(0, index % 2 === 0 ? 2 : 3), "lost"];
  return OPEN_PATH.slice(0, OPEN_PATH.indexOf(stage) + 1);
}

/** The demo users' rep settings: capacity and the customer segments they cover (empty: every segment). */
const DEMO_REPS = [
  { email: demoAgents[0]!.email, capacity: 15, segments: ["consumer", "smb"] },
  { email: demoAgents[1]!.email, capacity: 15, segments: [] },
  { email: demoAgents[2]!.email, capacity: 8, segments: ["consumer"] },
];

/** Inserts the demo sales reps and deals; answers how many deals it added. */
export async function seedDemoDeals(
  tx: Database,
  context: { now: Date; customerIds: string[]; products: { name: string; priceCents: number; currency: string }[] },
): Promise<number> {
  const users = await tx
    .select({ id: tables.users.id, email: tables.users.email, name: tables.users.name })
    .from(tables.users)
    .where(inArray(tables.users.email, demoAgents.map((a) => a.email)));
  const byEmail = new Map(users.map((u) => [u.email, u]));
  const reps = DEMO_REPS.flatMap((r) => {
    const user = byEmail.get(r.email);
    return user ? [{ userId: user.id, capacity: r.capacity, segments: r.segments, active: true }] : [];
  });
  if (reps.length > 0) await tx.insert(tables.salesReps).values(reps).onConflictDoNothing();
  const owners = demoAgents.flatMap((a) => (byEmail.get(a.email) ? [byEmail.get(a.email)!] : []));
  if (owners.length === 0 || context.customerIds.length === 0 || context.products.length === 0) return 0;
  const existing = await tx.select({ id: tables.deals.id }).from(tables.deals).where(inArray(tables.deals.customerId, context.customerIds)).limit(1);
  if (existing.length > 0) return 0;
  const stages = new Map((await tx.select().from(tables.dealStages)).map((s) => [s.key, s]));
  const at = (daysAgo: number) => new Date(context.now.getTime() - daysAgo * DAY_MS);

  for (const [index, plan] of DEMO_DEAL_PLAN.entries()) {
    const product = context.products[index % context.products.length]!;
    const quantity = 1 + (index % 4);
    const owner = owners[index % owners.length]!;
    const path = pathTo(plan.stage, index).map((key) => stages.get(key)).filter((s) => s !== undefined);
    const final = path.at(-1);
    if (!final) continue;
    const closed = plan.stage === "won" || plan.stage === "lost";
    const endDaysAgo = closed ? plan.days : Math.max(plan.openedDaysAgo - 1, 0) / 2;
    // Each stage entered at an even step between opening and the last move.
    const entered = path.map((_, step) => at(plan.openedDaysAgo - ((plan.openedDaysAgo - endDaysAgo) * step) / Math.max(path.length - 1, 1)));
    const [deal] = await tx
      .insert(tables.deals)
      .values({
        title: `${quantity} × ${product.name}`,
        customerId: context.customerIds[index % context.customerIds.length]!,
        ownerId: owner.id,
        amountCents: product.priceCents * quantity,
        currency: product.currency,
        stageId: final.id,
        expectedCloseDate: closed ? entered.at(-1)!.toISOString().slice(0, 10) : new Date(context.now.getTime() + plan.days * DAY_MS).toISOString().slice(0, 10),
        source: "manual",
        closedAt: closed ? entered.at(-1)! : null,
        createdAt: entered[0]!,
        updatedAt: entered.at(-1)!,
      })
      .returning({ id: tables.deals.id });
    await tx.insert(tables.dealStageChanges).values(
      path.map((stage, step) => ({
        dealId: deal!.id,
        fromStageId: step === 0 ? null : path[step - 1]!.id,
        toStageId: stage.id,
        actorType: "user" as const,
        actorId: owner.id,
        actorName: owner.name,
        createdAt: entered[step]!,
      })),
    );
  }
  return DEMO_DEAL_PLAN.length;
}
