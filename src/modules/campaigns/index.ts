/** Campaigns module: messages to a segment or a CRM filter over the widget or email, sent by a bull job, with opt-outs and results. */
export { CAMPAIGN_SEND_JOB, campaignResults, createCampaign, getCampaign, listCampaigns, optOutCustomer, pauseCampaign, startCampaign } from "./campaigns.service.ts";
export { runCampaignSend, type CampaignMailer, type CampaignSendPayload } from "./campaigns.jobs.ts";
export { campaignMessageSeen, campaignsOnMessage, deliverProactiveMessages } from "./proactive.service.ts";
export { presentCampaign, presentResults } from "./campaigns.presenter.ts";
export { isOptOutRequest, renderMessage, variantIndex } from "./campaigns.render.ts";
export { campaignIdParam, createCampaignBody, forecastBody, listCampaignsQuery, optOutBody } from "./campaigns.schemas.ts";
