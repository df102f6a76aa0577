/** Queries on intent-model training runs. */
import { and, desc, eq, gt, inArray } from "drizzle-orm";
import { tables, type Database } from "../../db/index.ts";
import type { TrainingRow } from "./knowledge.presenter.ts";

/** Inserts a queued run. */
export async function insertTraining(db: Database, requestedBy: string, at: Date): Promise<TrainingRow> {
  const [row] = await db.insert(tables.intentTrainings).values({ requestedBy, createdAt: at }).returning();
  return row;
}

/** One run. */
export async function findTraining(db: Database, id: string): Promise<TrainingRow | undefined> {
  const [row] = await db.select().from(tables.intentTrainings).where(eq(tables.intentTrainings.id, id)).limit(1);
  return row;
}

/** A run queued or running that started after `since` (older ones were left by a crash). */
export async function findActiveTraining(db: Database, since: Date): Promise<TrainingRow | undefined> {
  const t = tables.intentTrainings;
  const [row] = await db
    .select()
    .from(t)
    .where(and(inArray(t.status, ["queued", "running"]), gt(t.createdAt, since)))
    .orderBy(desc(t.createdAt))
    .limit(1);
  return row;
}

/** The latest runs, newest first. */
export async function listTrainings(db: Database, limit: number): Promise<TrainingRow[]> {
  return db.select().from(tables.intentTrainings).orderBy(desc(tables.intentTrainings.createdAt)).limit(limit);
}

/** Changes a run. */
export async function updateTraining(db: Database, id: string, changes: Partial<Omit<TrainingRow, "id" | "createdAt">>): Promise<void> {
  await db.update(tables.intentTrainings).set(changes).where(eq(tables.intentTrainings.id, id));
}
