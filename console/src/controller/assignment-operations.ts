/** The console's use cases of the agent's tools: transfer with a note, and the answer to "send anyway?" after REPLY_CONFLICT. */
import { transferTicket } from "../api/assignment-endpoints.ts";
import type { ConsoleAction } from "../store/reducer.ts";
import type { ConsoleState } from "../store/types.ts";

/** What the views can ask of assignment and reply conflicts. */
export type AssignmentOperations = {
  /** Answers "send anyway?" after REPLY_CONFLICT: true sends the held reply with force; false keeps it as a failed message. */
  answerReplyConflict: (sendAnyway: boolean) => void;
  /** Hands the open ticket to an agent and/or team with a private note; true when it worked. */
  transferTicket: (body: { assigneeId?: string | null; teamId?: string | null; note: string }) => Promise<boolean>;
};

/** Builds the operations; `deliver` sends a reply (with `force` to send over a colleague's newer one), `fail` reports an error. */
export function createAssignmentOperations(
  dispatch: (action: ConsoleAction) => void,
  getState: () => ConsoleState,
  fail: (error: unknown) => void,
  deliver: (conversationId: string, text: string, clientMsgId: string, options: { inboxId?: string; force?: boolean }) => Promise<void>,
): AssignmentOperations {
  return {
    answerReplyConflict: (sendAnyway) => {
      const conflict = getState().replyConflict;
      dispatch({ type: "reply/conflict", conflict: null });
      if (!conflict || !sendAnyway) return;
      const failed = getState().messages.items.find((m) => m.clientMsgId === conflict.clientMsgId);
      if (failed) dispatch({ type: "message/sending", message: { ...failed, delivery: "sending" } });
      void deliver(conflict.conversationId, conflict.text, conflict.clientMsgId, { inboxId: failed?.viaInboxId, force: true });
    },
    transferTicket: async (body) => {
      const { ticket } = getState();
      if (!ticket) return false;
      try {
        dispatch({ type: "ticket/upserted", ticket: await transferTicket(ticket.id, body) });
        return true;
      } catch (error) {
        fail(error);
        return false;
      }
    },
  };
}
