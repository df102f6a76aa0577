/** Canned replies module: shared and personal replies with variables, suggested by intent. */
export { listCannedReplies, createCannedReply, presentCannedReply } from "./canned.service.ts";
export { fillVariables, VARIABLE_FALLBACKS } from "./canned.render.ts";
