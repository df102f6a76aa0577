/**
 * The invite mail of `POST /api/v1/users` with `invite: "email"`: there is no installation-wide mail sender, so it goes
 * through the outbound relay (`smtpUrl`) of the oldest enabled email inbox whose settings open, From that inbox's address.
 */
import type { ServiceDeps } from "../../modules/deps.ts";
import { channelInbox, listInboxes } from "../../modules/inboxes/index.ts";
import type { InviteMailer } from "../../modules/settings/index.ts";
import { sendStandaloneMail } from "./outbound.ts";

/** The subject of the invite mail. */
export const INVITE_MAIL_SUBJECT = "You are invited to Switchboard";

/** The oldest enabled email inbox whose settings open (its relay sends the installation's own mail), if any. */
export async function sendingEmailInbox(deps: Pick<ServiceDeps, "db" | "secrets">) {
  for (const row of await listInboxes(deps.db)) {
    if (row.channel !== "email" || !row.enabled) continue;
    const found = await channelInbox(deps, row.id, "email");
    if (found) return found;
  }
  return undefined;
}

/** The invite mailer over the email inboxes' relays. */
export function inviteMailer(deps: Pick<ServiceDeps, "db" | "secrets" | "now">): InviteMailer {
  const sendingInbox = () => sendingEmailInbox(deps);
  return {
    async canSend() {
      return (await sendingInbox()) !== undefined;
    },
    async send({ to, name, link, invitedBy }) {
      const found = await sendingInbox();
      if (!found) return false;
      const text = [
        `Hello ${name},`,
        "",
        `${invitedBy} added you to Switchboard, the team's customer-service console.`,
        "Open this link to choose your password and sign in:",
        "",
        link,
        "",
        "The link works once, within 72 hours. If it has expired, ask an admin for a new invite.",
      ].join("\n");
      await sendStandaloneMail(found.settings, { fromName: found.inbox.name, to, subject: INVITE_MAIL_SUBJECT, text });
      return true;
    },
  };
}
