/**
 * The satisfaction survey (CSAT, see README): asked when a conversation is resolved (the widget shows its rating
 * prompt; other channels get the question as a message), answered once per conversation.
 */
import { AppError } from "../../errors.ts";
import type { ServiceDeps } from "../deps.ts";
import { csatEnabled, findInboxCached } from "../inboxes/index.ts";
import { addReply, getConversation } from "./conversations.service.ts";
import { csatSettings } from "./csat-settings.ts";
import { answerCsat, csatPendingSince, findCsat, upsertCsatRequest, type CsatRow } from "./csat.repo.ts";
import { csatStrings } from "./csat.strings.ts";

/**
 * Asks the customer of a just-resolved conversation how it went, unless the survey is off (CSAT, or the inbox's
 * `csat` switch) or they answered already:
 * the widget hears `csat:request` (the `csat.requested` event), every other channel gets the question as a message.
 */
export async function requestCsat(deps: ServiceDeps, conversationId: string): Promise<boolean> {
  if (!csatSettings(deps).enabled) return false;
  const { channel, inboxId } = await getConversation(deps, conversationId);
  const inbox = await findInboxCached(deps.db, inboxId);
  if (inbox && !csatEnabled(inbox)) return false;
  const now = deps.now();
  if (!(await upsertCsatRequest(deps.db, conversationId, now))) return false;
  if (channel === "web") deps.events.emit("csat.requested", { conversationId });
  else await addReply(deps, conversationId, { senderType: "system", text: csatStrings.en.question, clientMsgId: `csat:${conversationId}:${now.getTime()}` });
  return true;
}

/** Whether the conversation's survey waits for an answer (asked within the reply window): the widget asks again on reconnect. */
export async function csatPending(deps: Pick<ServiceDeps, "db" | "now" | "csat">, conversationId: string): Promise<boolean> {
  const settings = csatSettings(deps);
  if (!settings.enabled) return false;
  return csatPendingSince(deps.db, conversationId, new Date(deps.now().getTime() - settings.replyWindowMs));
}

/**
 * Records the widget's answer: CSAT_NOT_REQUESTED when the conversation was never asked (or the window passed),
 * CSAT_ALREADY_SUBMITTED for a second answer.
 */
export async function submitCsat(
  deps: Pick<ServiceDeps, "db" | "now" | "csat">,
  conversationId: string,
  answer: { score: number; comment?: string },
): Promise<CsatRow> {
  const comment = answer.comment?.trim() ? answer.comment.trim() : null;
  if (!(await csatPending(deps, conversationId))) {
    const existing = await findCsat(deps.db, conversationId);
    if (existing?.score != null) throw new AppError("CSAT_ALREADY_SUBMITTED");
    throw new AppError("CSAT_NOT_REQUESTED");
  }
  const row = await answerCsat(deps.db, conversationId, { score: answer.score, comment, via: "widget", at: deps.now() });
  // Answered between the check and the update (two tabs): the first answer stands.
  if (!row) throw new AppError("CSAT_ALREADY_SUBMITTED");
  return row;
}
