/** Conversations module: inbound messages, replies, history, status. */
export {
  receiveCustomerMessage,
  openCustomerConversation,
  addReply,
  messagesAfter,
  getConversation,
  conversationAddress,
  getConversationView,
  getMessage,
  setConversationStatus,
  saveBotState,
  conversationByExternalId,
  assertMessageText,
  type InboundAttachment,
  type InboundMessage,
} from "./conversations.service.ts";
export {
  DELIVER_JOB,
  DeliveryError,
  deliverMessage,
  retryDelivery,
  customerChannelData,
  type ChannelSender,
  type ChannelSenders,
  type OutboundMessage,
} from "./delivery.service.ts";
export { recordDeliveryReport, customerLastWroteAt, type DeliveryReport } from "./delivery-reports.service.ts";
export {
  listConversations,
  listMessagesPage,
  type ConversationRow,
  type ConversationView,
  type MessageRow,
  type ConversationCursor,
} from "./conversations.repo.ts";
export { createAnswerer, TURN_TIMINGS, type Answerer, type AnswerTurn, type TurnOutcome, type TurnTimings } from "./turns.service.ts";
export { forgetRecentMessages, type ConversationAddress } from "./recent-messages.ts";
export { conversationOfMail, rememberMailIds, lastCustomerMail } from "./mail-threads.service.ts";
export { createAttachmentFiles, type AttachmentFiles } from "./attachment-files.ts";
export { removeUnlistedAttachments } from "./attachments.service.ts";
export { presentWidgetMessage, presentMessage, presentConversation } from "./conversations.presenter.ts";
export { browserOf, saveVisitorContext, visitorContext } from "./visitor-context.ts";
export { requestCsat, submitCsat, csatPending } from "./csat.service.ts";
export { csatStrings } from "./csat.strings.ts";
export { ratingOf } from "./csat-rating.ts";
export { DEFAULT_CSAT_SETTINGS, type CsatSettings } from "./csat-settings.ts";
