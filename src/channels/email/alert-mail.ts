/**
 * The alert mail of the reports.alerts job: like the invite mail, it goes through the outbound relay (`smtpUrl`) of the
 * oldest enabled email inbox whose settings open, From that inbox's address; without one, alerts stay in the console.
 */
import type { ServiceDeps } from "../../modules/deps.ts";
import type { AlertMailer } from "../../modules/reports/index.ts";
import { sendingEmailInbox } from "./invite-mail.ts";
import { sendStandaloneMail } from "./outbound.ts";

/** The alert mailer over the email inboxes' relays (one mail per recipient). */
export function alertMailer(deps: Pick<ServiceDeps, "db" | "secrets" | "now">): AlertMailer {
  return {
    async send({ to, subject, text }) {
      const found = await sendingEmailInbox(deps);
      if (!found) return false;
      for (const address of to) await sendStandaloneMail(found.settings, { fromName: found.inbox.name, to: address, subject, text });
      return true;
    },
  };
}
