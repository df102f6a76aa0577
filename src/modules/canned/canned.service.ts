/** Canned replies: shared (managers and admins edit them) and personal (their owner's only); filled in for a conversation, suggested by its last intent. */
import type { CannedReplyDTO } from "../../contracts/helpdesk.ts";
import { isUniqueViolation } from "../../db/index.ts";
import { AppError } from "../../errors.ts";
import { recordAudit } from "../audit/index.ts";
import type { ServiceDeps } from "../deps.ts";
import { assertCan, type Actor } from "../policy/index.ts";
import { conversationFacts, deleteReply, findVisibleReply, insertReply, listVisibleReplies, updateReply, type CannedReplyRow } from "./canned.repo.ts";
import { fillVariables, unknownVariables } from "./canned.render.ts";

/** A console user acting on canned replies. */
export type CannedActor = Extract<Actor, { kind?: "user" }> & { name: string };

/** A reply as its author writes it. */
export type CannedInput = { shortcut: string; text: string; shared: boolean; intents?: string[] };

/** Presents a reply. */
export function presentCannedReply(row: CannedReplyRow, filled?: { rendered: string; suggested: boolean }): CannedReplyDTO {
  return {
    id: row.id,
    shortcut: row.shortcut,
    text: row.text,
    shared: row.shared,
    ownerId: row.ownerId,
    intents: row.intents,
    ...filled,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function assertVariables(text: string): void {
  const unknown = unknownVariables(text);
  if (unknown.length) {
    throw new AppError("VALIDATION_FAILED", `Unknown variable {{${unknown[0]}}}; use {{customer.name}}, {{order.number}} or {{agent.name}}.`, { text: `unknown variable {{${unknown[0]}}}` });
  }
}

const shortcutTaken = (): AppError => new AppError("CANNED_REPLY_EXISTS", undefined, { shortcut: "already used" });

/**
 * The replies a user sees; with a conversation, each filled in for it and those whose intents include the
 * conversation's last customer intent marked `suggested` and listed first.
 */
export async function listCannedReplies(deps: Pick<ServiceDeps, "db">, user: CannedActor, conversationId?: string): Promise<CannedReplyDTO[]> {
  assertCan(user, "canned.personal");
  const rows = await listVisibleReplies(deps.db, user.id);
  if (!conversationId) return rows.map((row) => presentCannedReply(row));
  const facts = await conversationFacts(deps.db, conversationId);
  if (!facts) throw new AppError("CONVERSATION_NOT_FOUND");
  const values = { "customer.name": facts.customerName, "order.number": facts.orderNumber, "agent.name": user.name };
  const presented = rows.map((row) =>
    presentCannedReply(row, { rendered: fillVariables(row.text, values), suggested: facts.lastIntent !== null && row.intents.includes(facts.lastIntent) }),
  );
  // Suggested first, each group keeping the shortcut order.
  return [...presented.filter((r) => r.suggested), ...presented.filter((r) => !r.suggested)];
}

async function audited(deps: ServiceDeps, user: CannedActor, action: string, row: CannedReplyRow, before: CannedReplyRow | null, after: CannedReplyRow | null): Promise<void> {
  // Shared replies are settings every agent sees; personal ones are the owner's own business.
  if (!(before?.shared || after?.shared)) return;
  const view = (r: CannedReplyRow | null) => (r ? { shortcut: r.shortcut, text: r.text, shared: r.shared, intents: r.intents } : null);
  await recordAudit(deps.db, user, { action, targetType: "canned_reply", targetId: row.id, before: view(before), after: view(after) }, deps.now());
}

/** Adds a reply: personal for anyone, shared for managers and admins; CANNED_REPLY_EXISTS when the shortcut is taken. */
export async function createCannedReply(deps: ServiceDeps, user: CannedActor, input: CannedInput): Promise<CannedReplyRow> {
  assertCan(user, input.shared ? "canned.shared" : "canned.personal");
  assertVariables(input.text);
  const now = deps.now();
  const row = await deps.db
    .transaction(async (tx) => {
      const created = await insertReply(tx, { ...input, intents: input.intents ?? [], ownerId: user.id, createdAt: now, updatedAt: now });
      await audited({ ...deps, db: tx }, user, "canned_reply.created", created, null, created);
      return created;
    })
    .catch((error: unknown) => {
      throw isUniqueViolation(error) ? shortcutTaken() : error;
    });
  return row;
}

/** The reply if the user may change it: a shared one needs canned.shared; a personal one is its owner's (another's is not found). */
async function changeable(deps: Pick<ServiceDeps, "db">, user: CannedActor, id: string): Promise<CannedReplyRow> {
  const row = await findVisibleReply(deps.db, id, user.id);
  if (!row) throw new AppError("CANNED_REPLY_NOT_FOUND");
  assertCan(user, row.shared ? "canned.shared" : "canned.personal");
  return row;
}

/** Changes a reply (making a personal one shared needs canned.shared too). */
export async function changeCannedReply(deps: ServiceDeps, user: CannedActor, id: string, patch: Partial<CannedInput>): Promise<CannedReplyRow> {
  const before = await changeable(deps, user, id);
  if (patch.shared) assertCan(user, "canned.shared");
  if (patch.text !== undefined) assertVariables(patch.text);
  return deps.db
    .transaction(async (tx) => {
      const after = await updateReply(tx, id, { ...patch, updatedAt: deps.now() });
      if (!after) throw new AppError("CANNED_REPLY_NOT_FOUND");
      await audited({ ...deps, db: tx }, user, "canned_reply.updated", after, before, after);
      return after;
    })
    .catch((error: unknown) => {
      throw isUniqueViolation(error) ? shortcutTaken() : error;
    });
}

/** Deletes a reply under the same rule as changing it. */
export async function removeCannedReply(deps: ServiceDeps, user: CannedActor, id: string): Promise<void> {
  const before = await changeable(deps, user, id);
  await deps.db.transaction(async (tx) => {
    if (!(await deleteReply(tx, id))) throw new AppError("CANNED_REPLY_NOT_FOUND");
    await audited({ ...deps, db: tx }, user, "canned_reply.deleted", before, before, null);
  });
}
