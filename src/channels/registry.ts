/** The chat channels (and the API channel) beside the widget: each one's webhook routes and its outbound sender, in one table. */
import { Router } from "express";
import type { ChannelSettings, InboxChannel } from "../contracts/channels.ts";
import type { ChannelSender, ChannelSenders } from "../modules/conversations/index.ts";
import type { ServiceDeps } from "../modules/deps.ts";
import { apiChannelSender } from "./api/outbound.ts";
import { apiChannelRoutes } from "./api/routes.ts";
import type { BotFrameworkSettings } from "./botframework/auth.ts";
import { botFrameworkSender } from "./botframework/outbound.ts";
import type { CredentialCheck } from "./credential-check.ts";
import { emailSender } from "./email/outbound.ts";
import { verifyEmail } from "./email/verify.ts";
import { slackSender } from "./slack/outbound.ts";
import { slackRoutes } from "./slack/routes.ts";
import { verifySlack } from "./slack/verify.ts";
import { smsSender } from "./sms/outbound.ts";
import { smsRoutes } from "./sms/routes.ts";
import { verifySms } from "./sms/verify.ts";
import { telegramSender } from "./telegram/outbound.ts";
import { telegramRoutes } from "./telegram/routes.ts";
import { verifyTelegram } from "./telegram/verify.ts";
import { whatsappSender } from "./whatsapp/outbound.ts";
import { whatsappRoutes } from "./whatsapp/routes.ts";
import { verifyWhatsapp } from "./whatsapp/verify.ts";

/**
 * Where this server is reached from outside (PUBLIC_URL: the URL Twilio signs and sends status callbacks to), and the
 * Bot Framework settings (its sender exists when the channel is configured).
 */
export type ChannelOptions = { publicUrl?: string; botFramework?: BotFrameworkSettings };

/** The sender of each channel that has one (the delivery job looks a reply's channel up here). */
export function channelSenders(deps: ServiceDeps, options: ChannelOptions = {}): ChannelSenders {
  const senders: Record<string, ChannelSender | undefined> = {
    email: emailSender(deps),
    telegram: telegramSender(deps),
    whatsapp: whatsappSender(deps),
    slack: slackSender(deps),
    sms: smsSender(deps, options),
    api: apiChannelSender(deps),
    botframework: botFrameworkSender(deps, options.botFramework),
  };
  // Bot Framework conversations are stored per channel behind it ("botframework:msteams"): one sender serves them all.
  return (channel) => senders[channel.startsWith("botframework:") ? "botframework" : channel];
}

/** Every channel's webhooks, mounted at /channels (POST /channels/<channel>/<inboxId>). */
export function channelRoutes(deps: ServiceDeps, options: ChannelOptions = {}): Router {
  const router = Router();
  router.use(telegramRoutes(deps));
  router.use(whatsappRoutes(deps));
  router.use(slackRoutes(deps));
  router.use(smsRoutes(deps, options));
  router.use(apiChannelRoutes(deps));
  return router;
}

/** Each channel's credential check against its provider (POST /api/v1/inboxes/:id/verify); api and web have none. */
export const CREDENTIAL_CHECKS: { [C in InboxChannel]?: CredentialCheck<ChannelSettings<C>> } = {
  telegram: verifyTelegram,
  slack: verifySlack,
  sms: verifySms,
  whatsapp: verifyWhatsapp,
  email: verifyEmail,
};
