/** Labels: admin-defined and coloured, set on conversations by agents or by intent rules. */
import type { LabelChipDTO, LabelDTO } from "../../contracts/helpdesk.ts";
import { isUniqueViolation } from "../../db/index.ts";
import { AppError } from "../../errors.ts";
import type { DomainEvents } from "../../events.ts";
import { recordAudit, type AuditActor } from "../audit/index.ts";
import { getConversation, getMessage } from "../conversations/index.ts";
import type { ServiceDeps } from "../deps.ts";
import {
  applyIntentLabels,
  deleteLabel,
  findLabel,
  findLabelByIdOrName,
  insertLabel,
  labelsOfConversation,
  listLabelRows,
  replaceConversationLabels,
  updateLabel,
  type LabelRow,
} from "./labels.repo.ts";

/** A label as an admin defines it. */
export type LabelInput = { name: string; color: string; intents?: string[] };

/** Presents a label. */
export function presentLabel(row: LabelRow): LabelDTO {
  return { id: row.id, name: row.name, color: row.color, intents: row.intents, createdAt: row.createdAt.toISOString() };
}

/** A label as a chip on a conversation. */
export function labelChip(row: Pick<LabelRow, "id" | "name" | "color">): LabelChipDTO {
  return { id: row.id, name: row.name, color: row.color };
}

/** Every label by name. */
export async function listLabels(deps: Pick<ServiceDeps, "db">): Promise<LabelRow[]> {
  return listLabelRows(deps.db);
}

const nameTaken = (): AppError => new AppError("LABEL_EXISTS", undefined, { name: "another label has this name" });
const view = (row: LabelRow | undefined) => (row ? { name: row.name, color: row.color, intents: row.intents } : null);

/** Adds a label; LABEL_EXISTS when the name is taken. */
export async function createLabel(deps: ServiceDeps, actor: AuditActor, input: LabelInput): Promise<LabelRow> {
  return deps.db
    .transaction(async (tx) => {
      const row = await insertLabel(tx, { name: input.name, color: input.color, intents: input.intents ?? [] });
      await recordAudit(tx, actor, { action: "label.created", targetType: "label", targetId: row.id, after: view(row) }, deps.now());
      return row;
    })
    .catch((error: unknown) => {
      throw isUniqueViolation(error) ? nameTaken() : error;
    });
}

/** Renames, recolours a label or changes its intent rule. */
export async function changeLabel(deps: ServiceDeps, actor: AuditActor, id: string, patch: Partial<LabelInput>): Promise<LabelRow> {
  const before = await findLabel(deps.db, id);
  if (!before) throw new AppError("LABEL_NOT_FOUND");
  const row = await deps.db
    .transaction(async (tx) => {
      const after = await updateLabel(tx, id, patch);
      if (!after) throw new AppError("LABEL_NOT_FOUND");
      await recordAudit(tx, actor, { action: "label.updated", targetType: "label", targetId: id, before: view(before), after: view(after) }, deps.now());
      return after;
    })
    .catch((error: unknown) => {
      throw isUniqueViolation(error) ? nameTaken() : error;
    });
  // Conversation lists show the chip's name and colour.
  deps.events.emit("labels.changed", { labelId: id });
  return row;
}

/** Deletes a label; it leaves every conversation. */
export async function removeLabel(deps: ServiceDeps, actor: AuditActor, id: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const removed = await deleteLabel(tx, id);
    if (!removed) throw new AppError("LABEL_NOT_FOUND");
    await recordAudit(tx, actor, { action: "label.deleted", targetType: "label", targetId: id, before: view(removed), after: null }, deps.now());
  });
  deps.events.emit("labels.changed", { labelId: id });
}

/** Sets exactly these labels (ids or names) on a conversation; an unknown one is 400 naming it, and nothing changes. */
export async function setConversationLabels(deps: ServiceDeps, conversationId: string, labels: string[]): Promise<LabelChipDTO[]> {
  await getConversation(deps, conversationId);
  const rows = await Promise.all(labels.map((idOrName) => findLabelByIdOrName(deps.db, idOrName)));
  const missing = labels.findIndex((_, i) => !rows[i]);
  if (missing >= 0) throw new AppError("VALIDATION_FAILED", `No label is called or has the id "${labels[missing]}".`, { [`labels.${missing}`]: "no such label" });
  const ids = [...new Set(rows.map((row) => row!.id))];
  await replaceConversationLabels(deps.db, conversationId, ids, deps.now());
  deps.events.emit("conversation.updated", { conversationId });
  return (await labelsOfConversation(deps.db, conversationId)).map(labelChip);
}

/**
 * The intent rule: when a customer message arrives, every label whose intents include the message's intent goes on
 * its conversation (run on `message.created`; labels set by hand stay, and a rule never removes one).
 */
export async function labelOnMessage(deps: ServiceDeps, event: DomainEvents["message.created"]): Promise<void> {
  if (event.senderType !== "customer") return;
  const message = await getMessage(deps, event.messageId);
  const intent = message?.annotation?.intent.name;
  if (!intent) return;
  if ((await applyIntentLabels(deps.db, event.conversationId, intent, deps.now())) > 0) deps.events.emit("conversation.updated", { conversationId: event.conversationId });
}
