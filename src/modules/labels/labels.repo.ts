/** Queries on labels, the labels of conversations, and the intent rules that apply them. */
import { and, asc, eq, inArray, notInArray } from "drizzle-orm";
import { tables, type Database } from "../../db/index.ts";

/** A label row. */
export type LabelRow = typeof tables.labels.$inferSelect;

/** Every label by name. */
export async function listLabelRows(db: Database): Promise<LabelRow[]> {
  return db.select().from(tables.labels).orderBy(asc(tables.labels.name));
}

/** Finds a label. */
export async function findLabel(db: Database, id: string): Promise<LabelRow | undefined> {
  const [row] = await db.select().from(tables.labels).where(eq(tables.labels.id, id)).limit(1);
  return row;
}

/** Finds a label by id or by name. */
export async function findLabelByIdOrName(db: Database, idOrName: string): Promise<LabelRow | undefined> {
  const l = tables.labels;
  const isId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrName);
  const [row] = await db
    .select()
    .from(l)
    .where(isId ? eq(l.id, idOrName) : eq(l.name, idOrName))
    .limit(1);
  return row;
}

/** Inserts a label. */
export async function insertLabel(db: Database, values: { name: string; color: string; intents: string[] }): Promise<LabelRow> {
  const [row] = await db.insert(tables.labels).values(values).returning();
  labelGeneration++;
  return row;
}

/** Changes a label. */
export async function updateLabel(db: Database, id: string, changes: Partial<Pick<LabelRow, "name" | "color" | "intents">>): Promise<LabelRow | undefined> {
  const [row] = await db.update(tables.labels).set(changes).where(eq(tables.labels.id, id)).returning();
  labelGeneration++;
  return row;
}

/** Deletes a label (it leaves every conversation). */
export async function deleteLabel(db: Database, id: string): Promise<LabelRow | undefined> {
  const [row] = await db.delete(tables.labels).where(eq(tables.labels.id, id)).returning();
  labelGeneration++;
  return row;
}

/** Sets exactly these labels on a conversation. */
export async function replaceConversationLabels(db: Database, conversationId: string, labelIds: string[], at: Date): Promise<void> {
  const cl = tables.conversationLabels;
  await db.delete(cl).where(and(eq(cl.conversationId, conversationId), labelIds.length ? notInArray(cl.labelId, labelIds) : undefined));
  if (labelIds.length) await db.insert(cl).values(labelIds.map((labelId) => ({ conversationId, labelId, createdAt: at }))).onConflictDoNothing();
}

/** The labels on a conversation, by name. */
export async function labelsOfConversation(db: Database, conversationId: string): Promise<LabelRow[]> {
  return db
    .select({ label: tables.labels })
    .from(tables.conversationLabels)
    .innerJoin(tables.labels, eq(tables.labels.id, tables.conversationLabels.labelId))
    .where(eq(tables.conversationLabels.conversationId, conversationId))
    .orderBy(asc(tables.labels.name))
    .then((rows) => rows.map((r) => r.label));
}

/** Puts on a conversation every label whose intents include `intent`; returns how many were new. */
export async function applyIntentLabels(db: Database, conversationId: string, intent: string, at: Date): Promise<number> {
  const matching = (await intentRules(db)).get(intent) ?? [];
  if (matching.length === 0) return 0;
  const added = await db
    .insert(tables.conversationLabels)
    .values(matching.map((labelId) => ({ conversationId, labelId, createdAt: at })))
    .onConflictDoNothing()
    .returning({ labelId: tables.conversationLabels.labelId });
  return added.length;
}

/**
 * The label rules (intent → label ids), read at most every 30 s per database rather than on every customer message; a
 * label written in this process is seen at once, one written on another node within 30 s.
 */
const RULES_TTL_MS = 30_000;
const ruleCache = new WeakMap<object, { at: number; generation: number; byIntent: Map<string, string[]> }>();
let labelGeneration = 0;

async function intentRules(db: Database): Promise<Map<string, string[]>> {
  const hit = ruleCache.get(db);
  if (hit && hit.generation === labelGeneration && Date.now() - hit.at < RULES_TTL_MS) return hit.byIntent;
  const generation = labelGeneration;
  const rows = await db.select({ id: tables.labels.id, intents: tables.labels.intents }).from(tables.labels);
  const byIntent = new Map<string, string[]>();
  for (const row of rows) for (const intent of row.intents) byIntent.set(intent, [...(byIntent.get(intent) ?? []), row.id]);
  ruleCache.set(db, { at: Date.now(), generation, byIntent });
  return byIntent;
}

/** Which of these label ids exist. */
export async function existingLabels(db: Database, ids: string[]): Promise<LabelRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(tables.labels).where(inArray(tables.labels.id, ids));
}
