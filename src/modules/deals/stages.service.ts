/** Pipeline stages: list, add, rename, re-weigh, reorder and delete; positions always run 1..n without gaps. */
import { AppError } from "../../errors.ts";
import type { ServiceDeps } from "../deps.ts";
import type { CreateStageInput, UpdateStageInput } from "./deals.schemas.ts";
import { deleteStageRow, findStage, insertStage, listStageRows, lockStages, stageUse, updateStageRow, writePositions, type StageRow } from "./stages.repo.ts";

type Deps = Pick<ServiceDeps, "db" | "now">;

/** Every stage in position order. */
export async function listStages(deps: Pick<ServiceDeps, "db">): Promise<StageRow[]> {
  return listStageRows(deps.db);
}

/** A stable key from a stage's name ("Demo booked!" → "demo_booked"), made unique against the keys taken. */
export function stageKey(name: string, taken: ReadonlySet<string>): string {
  const base =
    name
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^_+|_+$/g, "")
      .slice(0, 40) || "stage";
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}_${n}`)) return `${base}_${n}`;
}

// A stage moved to `position` (clamped to the list) among the others, in their order.
function placed(ids: string[], id: string, position: number | undefined): string[] {
  const others = ids.filter((x) => x !== id);
  const at = Math.min(Math.max((position ?? others.length + 1) - 1, 0), others.length);
  return [...others.slice(0, at), id, ...others.slice(at)];
}

/** Adds a stage (at `position`, default last; the stages after it move down one); its key comes from its name. */
export async function addStage(deps: Deps, input: CreateStageInput): Promise<StageRow> {
  const at = deps.now();
  const id = await deps.db.transaction(async (tx) => {
    const stages = await lockStages(tx);
    const key = stageKey(input.name, new Set(stages.map((s) => s.key)));
    const row = await insertStage(tx, { key, name: input.name, probability: input.probability, outcome: input.outcome ?? "open", position: stages.length + 1 });
    const order = placed([...stages.map((s) => s.id), row.id], row.id, input.position);
    await writePositions(tx, order, new Map([...stages.map((s) => [s.id, s.position] as const), [row.id, row.position]]), at);
    return row.id;
  });
  return getStage(deps, id);
}

/** One stage, or 404 STAGE_NOT_FOUND. */
export async function getStage(deps: Pick<ServiceDeps, "db">, id: string): Promise<StageRow> {
  const stage = await findStage(deps.db, id);
  if (!stage) throw new AppError("STAGE_NOT_FOUND");
  return stage;
}

/** Renames a stage, changes its default probability, or moves it to another position (the others close up). */
export async function updateStage(deps: Deps, id: string, patch: UpdateStageInput): Promise<StageRow> {
  const at = deps.now();
  await deps.db.transaction(async (tx) => {
    const stages = await lockStages(tx);
    if (!stages.some((s) => s.id === id)) throw new AppError("STAGE_NOT_FOUND");
    if (patch.name !== undefined || patch.probability !== undefined) await updateStageRow(tx, id, { name: patch.name, probability: patch.probability }, at);
    if (patch.position !== undefined) {
      const ids = stages.map((s) => s.id);
      await writePositions(tx, placed(ids, id, patch.position), new Map(stages.map((s) => [s.id, s.position])), at);
    }
  });
  return getStage(deps, id);
}

/**
 * Deletes a stage no deal is in (409 STAGE_IN_USE otherwise, also when a deal's history passed through it: the history
 * keeps naming its stages). The pipeline keeps at least one open, one won and one lost stage (400 otherwise).
 */
export async function deleteStage(deps: Deps, id: string): Promise<void> {
  const at = deps.now();
  await deps.db.transaction(async (tx) => {
    const stages = await lockStages(tx);
    const stage = stages.find((s) => s.id === id);
    if (!stage) throw new AppError("STAGE_NOT_FOUND");
    if (!stages.some((s) => s.id !== id && s.outcome === stage.outcome)) {
      throw new AppError("VALIDATION_FAILED", `The pipeline needs at least one ${stage.outcome} stage; this is the last one.`, { id: `is the last ${stage.outcome} stage` });
    }
    const use = await stageUse(tx, id);
    if (use.deals) throw new AppError("STAGE_IN_USE");
    if (use.history) throw new AppError("STAGE_IN_USE", "Deals passed through this stage and their history names it; it cannot be deleted.");
    await deleteStageRow(tx, id);
    const rest = stages.filter((s) => s.id !== id);
    await writePositions(tx, rest.map((s) => s.id), new Map(rest.map((s) => [s.id, s.position])), at);
  });
}
