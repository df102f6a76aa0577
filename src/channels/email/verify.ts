/** Checks an email inbox's SMTP relay: connects, greets and logs in when the URL carries credentials (nodemailer's verify()). */
import nodemailer from "nodemailer";
import type { ChannelSettings } from "../../contracts/channels.ts";
import type { CredentialCheck } from "../credential-check.ts";
import { deliveryError } from "./outbound.ts";

const VERIFY_TIMEOUT_MS = 10_000;

/** Verifies the connection to `smtpUrl`: the relay's host and port when it accepts; its reply, or the network failure, when not. */
export const verifyEmail: CredentialCheck<ChannelSettings<"email">> = async (settings) => {
  const transport = nodemailer.createTransport({ url: settings.smtpUrl, connectionTimeout: VERIFY_TIMEOUT_MS, greetingTimeout: VERIFY_TIMEOUT_MS, socketTimeout: VERIFY_TIMEOUT_MS });
  const relay = new URL(settings.smtpUrl);
  try {
    await transport.verify();
    return { ok: true, account: `${settings.address} via ${relay.hostname}:${relay.port || (relay.protocol === "smtps:" ? "465" : "587")}` };
  } catch (error) {
    return { ok: false, reason: deliveryError(error).message };
  } finally {
    transport.close();
  }
};
