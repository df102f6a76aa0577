/** Deals module: the pipeline's stages, deals and their stage history, leads opened from chats. */
export { dealsRoutes } from "./deals.routes.ts";
export { leadOnMessage, openChatLead, asksToBuy, BUYING_INTENTS, PRE_PURCHASE_INTENTS } from "./leads.service.ts";
export { pipelineSql } from "./pipeline.repo.ts";
export { stageKey } from "./stages.service.ts";
