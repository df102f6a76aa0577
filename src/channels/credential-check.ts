/** What every channel's credential check answers, and how a provider's refusal is worded. */
import type { CredentialCheckDTO } from "../contracts/channels.ts";

/** A channel's credential check over its settings; a network failure may throw a DeliveryError (the registry words it). */
export type CredentialCheck<S> = (settings: S) => Promise<CredentialCheckDTO>;

/** A provider's refusal: its own message when it gave one, else its HTTP status. */
export function refused(provider: string, status: number, message: string | undefined): CredentialCheckDTO {
  return { ok: false, reason: `${provider} answered ${status}: ${message?.trim() || "no description"}` };
}

/** A provider's base URL (an inbox setting) joined with a path, without doubled slashes. */
export function apiUrl(apiBaseUrl: string, path: string): string {
  return `${apiBaseUrl.replace(/\/+$/, "")}${path}`;
}
