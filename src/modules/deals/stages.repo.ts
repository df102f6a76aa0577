/** Queries on the pipeline's stages. */
import { asc, eq, sql } from "drizzle-orm";
import { tables, type Database } from "../../db/index.ts";

/** A stage row. */
export type StageRow = typeof tables.dealStages.$inferSelect;

const st = tables.dealStages;

/** Every stage in position order. */
export async function listStageRows(db: Database): Promise<StageRow[]> {
  return db.select().from(st).orderBy(asc(st.position), asc(st.id));
}

/** Every stage in position order, locked for the rest of the transaction (positions are rewritten as a whole). */
export async function lockStages(tx: Database): Promise<StageRow[]> {
  return tx.select().from(st).orderBy(asc(st.position), asc(st.id)).for("update");
}

/** One stage by id. */
export async function findStage(db: Database, id: string): Promise<StageRow | undefined> {
  const [row] = await db.select().from(st).where(eq(st.id, id)).limit(1);
  return row;
}

/** One stage by key. */
export async function findStageByKey(db: Database, key: string): Promise<StageRow | undefined> {
  const [row] = await db.select().from(st).where(eq(st.key, key)).limit(1);
  return row;
}

/** Inserts a stage. */
export async function insertStage(tx: Database, values: Pick<StageRow, "key" | "name" | "position" | "probability" | "outcome">): Promise<StageRow> {
  const [row] = await tx.insert(st).values(values).returning();
  return row!;
}

/** Changes a stage's name or probability. */
export async function updateStageRow(tx: Database, id: string, patch: Partial<Pick<StageRow, "name" | "probability">>, at: Date): Promise<void> {
  await tx.update(st).set({ ...patch, updatedAt: at }).where(eq(st.id, id));
}

/** Writes positions 1..n in the given order (only the rows whose position changes). */
export async function writePositions(tx: Database, orderedIds: string[], current: Map<string, number>, at: Date): Promise<void> {
  for (const [index, id] of orderedIds.entries()) {
    if (current.get(id) === index + 1) continue;
    await tx.update(st).set({ position: index + 1, updatedAt: at }).where(eq(st.id, id));
  }
}

/** Deletes a stage. */
export async function deleteStageRow(tx: Database, id: string): Promise<void> {
  await tx.delete(st).where(eq(st.id, id));
}

/** Whether any deal is in the stage, and whether any stage change refers to it (the history keeps its stages). */
export async function stageUse(db: Database, id: string): Promise<{ deals: boolean; history: boolean }> {
  const result = (await db.execute(sql`
    select exists (select 1 from deals where stage_id = ${id}::uuid) as deals,
      exists (select 1 from deal_stage_changes where to_stage_id = ${id}::uuid or from_stage_id = ${id}::uuid) as history`)) as unknown as {
    rows: { deals: boolean; history: boolean }[];
  };
  return result.rows[0]!;
}
