/** Campaign emails through an email inbox's relay (the outbound path inbox test messages use). */
import type { CampaignMailer } from "../../modules/campaigns/index.ts";
import type { ServiceDeps } from "../../modules/deps.ts";
import { channelInbox } from "../../modules/inboxes/index.ts";
import { sendStandaloneMail } from "./outbound.ts";

/** The mailer the campaign send job uses: From the inbox's address and name; a refusal throws (the send is then failed). */
export function campaignMailer(deps: Pick<ServiceDeps, "db" | "secrets">): CampaignMailer {
  return {
    async send(inboxId, mail) {
      const found = await channelInbox(deps, inboxId, "email");
      if (!found) throw new Error("the email inbox is gone, disabled or has no settings");
      await sendStandaloneMail(found.settings, { fromName: found.inbox.name, to: mail.to, subject: mail.subject, text: mail.text });
    },
  };
}
