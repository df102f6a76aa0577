/** Tickets module: hand-off tickets, assignment and their audit trail. */
export { openHandoffTicket, updateTicket, getTicket, noteAgentReply, type Actor, type TicketPatch } from "./tickets.service.ts";
export {
  listTickets,
  listTicketEvents,
  findActiveTicketForConversation,
  hasUnresolvedTicketAssignedTo,
  releaseTicketsOf,
  type TicketRow,
  type TicketCursor,
} from "./tickets.repo.ts";
export { presentTickets } from "./tickets.presenter.ts";
export { escalateOnSentiment, priorityForSentiment } from "./escalation.service.ts";
export { runSlaScan, slaInstants, slaOnMessage, syncTicketSla, SLA_SCAN_JOB } from "./sla-timers.service.ts";
export { offlineOnMessage, offlineNoticeKey, tellOfflineOnce } from "./offline-notice.service.ts";
