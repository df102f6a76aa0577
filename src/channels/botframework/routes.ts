/** Bot Framework channel (Teams, Slack, Telegram, Facebook … through Azure Bot Service): POST /api/messages into the one bot. */
import express, { Router } from "express";
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type ConfigurationBotFrameworkAuthenticationOptions } from "botbuilder";
import type { Container } from "../../container.ts";

/** The /api/messages route, or undefined when the channel is not configured (MICROSOFT_APP_ID unset). */
export function botFrameworkRoutes(container: Container): Router | undefined {
  const settings = container.config.botFramework;
  if (!settings.appId) return undefined;
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: settings.appId,
    MicrosoftAppPassword: settings.appPassword,
    MicrosoftAppTenantId: settings.tenantId,
    MicrosoftAppType: settings.appType ?? "MultiTenant",
  } as ConfigurationBotFrameworkAuthenticationOptions);
  const adapter = new CloudAdapter(auth);
  container.bot.attach(adapter);
  const router = Router();
  router.post("/messages", express.json({ limit: "256kb" }), async (req, res) => {
    await adapter.process(req, res, (context) => container.bot.bot.run(context));
  });
  return router;
}
