/** The Bot Framework authentication both directions share: Azure credentials, or none in local (Emulator) mode. */
import { ConfigurationBotFrameworkAuthentication, type ConfigurationBotFrameworkAuthenticationOptions } from "botbuilder";

/** The Bot Framework settings of the configuration (MICROSOFT_APP_* and BOTFRAMEWORK_ALLOW_UNAUTHENTICATED). */
export type BotFrameworkSettings = { appId?: string; appPassword?: string; tenantId?: string; appType?: string; allowUnauthenticated: boolean };

/**
 * The authentication of the Bot Framework channel, or undefined when it is not configured (neither MICROSOFT_APP_ID nor
 * BOTFRAMEWORK_ALLOW_UNAUTHENTICATED=1).
 */
export function botFrameworkAuthentication(settings: BotFrameworkSettings | undefined): ConfigurationBotFrameworkAuthentication | undefined {
  if (!settings || (!settings.appId && !settings.allowUnauthenticated)) return undefined;
  // Without an app id the adapter's credential factory reports authentication disabled: it takes activities without a
  // token (an anonymous identity) and calls their serviceUrl without one, as a bot does with the Bot Framework Emulator.
  return new ConfigurationBotFrameworkAuthentication(
    settings.allowUnauthenticated
      ? {}
      : ({
          MicrosoftAppId: settings.appId,
          MicrosoftAppPassword: settings.appPassword,
          MicrosoftAppTenantId: settings.tenantId,
          MicrosoftAppType: settings.appType ?? "MultiTenant",
        } as ConfigurationBotFrameworkAuthenticationOptions),
  );
}
