/** Policy module: who may do what, enforced for every route and socket event from one matrix. */
export { assertCan, assertMayChangeTicket, conversationScope, customerScope, scopeOfAssignee, type Actor } from "./policy.ts";
