/** Checks the records a deal points at (stage, customer, company, owner, conversation), each failing with its own 404. */
import { AppError } from "../../errors.ts";
import { findUser } from "../agents/index.ts";
import { findCompany } from "../companies/index.ts";
import { getConversation } from "../conversations/index.ts";
import { loadLiveCustomer, type CustomerRow } from "../customers/index.ts";
import type { ServiceDeps } from "../deps.ts";
import { findStage, findStageByKey, listStageRows, type StageRow } from "./stages.repo.ts";

type Deps = Pick<ServiceDeps, "db">;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A stage by key or id, or 404 STAGE_NOT_FOUND. */
export async function resolveStage(deps: Deps, ref: string): Promise<StageRow> {
  const stage = UUID.test(ref) ? ((await findStage(deps.db, ref)) ?? (await findStageByKey(deps.db, ref))) : await findStageByKey(deps.db, ref);
  if (!stage) throw new AppError("STAGE_NOT_FOUND", `There is no pipeline stage "${ref}".`, { stage: "is not a stage key or id" });
  return stage;
}

/** The first open stage in position order: where new deals and leads start. */
export async function firstOpenStage(deps: Deps): Promise<StageRow> {
  const stage = (await listStageRows(deps.db)).find((s) => s.outcome === "open");
  // The stages service never deletes the last open stage.
  if (!stage) throw new Error("the pipeline has no open stage");
  return stage;
}

/** A live customer, or 404 CUSTOMER_NOT_FOUND. */
export async function checkCustomer(deps: Deps, id: string): Promise<CustomerRow> {
  return loadLiveCustomer(deps, id);
}

/** Fails with 404 COMPANY_NOT_FOUND unless the company exists. */
export async function checkCompany(deps: Deps, id: string): Promise<void> {
  if (!(await findCompany(deps.db, id))) throw new AppError("COMPANY_NOT_FOUND", undefined, { companyId: "does not exist" });
}

/** Fails with 404 USER_NOT_FOUND unless the owner is a console user. */
export async function checkOwner(deps: Deps, id: string): Promise<void> {
  if (!(await findUser(deps.db, id))) throw new AppError("USER_NOT_FOUND", "The owner is not a user.", { ownerId: "is not a user" });
}

/** Fails with 404 CONVERSATION_NOT_FOUND unless the conversation exists, and 400 unless it is the customer's. */
export async function checkConversation(deps: Deps, id: string, customerId: string): Promise<void> {
  const conversation = await getConversation(deps, id);
  if (conversation.customerId !== customerId) {
    throw new AppError("VALIDATION_FAILED", "The conversation is another customer's.", { conversationId: "is a conversation of another customer" });
  }
}
