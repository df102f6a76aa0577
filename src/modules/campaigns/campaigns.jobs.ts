/**
 * The campaign send job (`campaign.send`, payload {campaignId}): the first run resolves the audience into one send row
 * per customer (a unique index: once per customer per campaign, however often the job runs), then each run sends one
 * batch (the throttle, per minute, or 200) and queues the next run (a minute later when throttled). Opted-out customers
 * are left out when the audience is resolved and skipped again when their send comes up.
 */
import { childLogger } from "../../logger.ts";
import type { ServiceDeps } from "../deps.ts";
import { forEachAudiencePage } from "./campaigns.audience.ts";
import { renderMessage, variantIndex } from "./campaigns.render.ts";
import {
  claimQueuedSends,
  findCampaign,
  hasQueuedSends,
  insertSends,
  lastOrderNumbers,
  moveCampaign,
  optedOutAmong,
  setAudienceSize,
  settleSend,
  type CampaignRow,
} from "./campaigns.repo.ts";
import { CAMPAIGN_SEND_JOB } from "./campaigns.service.ts";

const log = childLogger("campaigns");

/** Sends per run of an unthrottled campaign. */
const UNTHROTTLED_BATCH = 200;

/** Sends one campaign email through an email inbox's relay (built by the container over the email channel); throws when the relay refuses it. */
export type CampaignMailer = { send(inboxId: string, mail: { to: string; subject: string; text: string }): Promise<void> };

/** The payload of the send job. */
export type CampaignSendPayload = { campaignId: string };

type Deps = Pick<ServiceDeps, "db" | "queue" | "now">;

/** Resolves the audience into queued sends (variables filled, variant picked); returns how many customers it held. */
async function resolveAudience(deps: Deps, campaign: CampaignRow): Promise<number> {
  let total = 0;
  await forEachAudiencePage(deps, campaign.audience, async (page) => {
    const orders = await lastOrderNumbers(
      deps.db,
      page.map((c) => c.id),
    );
    const rows = page.map((c) => {
      const variant = campaign.variants[variantIndex(campaign.id, c.id, campaign.variants.length)]!;
      return { campaignId: campaign.id, customerId: c.id, variant: variant.name, text: renderMessage(variant.message, { name: c.name, lastOrderNumber: orders.get(c.id) ?? null }) };
    });
    await insertSends(deps.db, rows);
    total += rows.length;
  });
  return total;
}

/** Sends one claimed batch: email through the relay (delivered when it accepted), widget stored for the customer's next visit. */
async function sendBatch(deps: Deps, mailer: CampaignMailer, campaign: CampaignRow, batch: Awaited<ReturnType<typeof claimQueuedSends>>): Promise<void> {
  const optedOut = await optedOutAmong(
    deps.db,
    batch.map((s) => s.customerId),
  );
  for (const send of batch) {
    if (optedOut.has(send.customerId)) {
      await settleSend(deps.db, send.id, { status: "skipped" });
      continue;
    }
    if (campaign.channel === "widget") {
      await settleSend(deps.db, send.id, { status: "sent", sentAt: deps.now() });
      continue;
    }
    if (!send.email || !campaign.inboxId) {
      await settleSend(deps.db, send.id, { status: "failed", error: send.email ? "the campaign's email inbox is gone" : "the customer has no email address" });
      continue;
    }
    const sentAt = deps.now();
    try {
      await mailer.send(campaign.inboxId, { to: send.email, subject: campaign.subject ?? campaign.name, text: send.text });
      await settleSend(deps.db, send.id, { status: "delivered", sentAt, deliveredAt: deps.now(), error: null });
    } catch (error) {
      await settleSend(deps.db, send.id, { status: "failed", sentAt, error: error instanceof Error ? error.message.slice(0, 500) : String(error) });
    }
  }
}

/** One run of the send job (see the file's comment); safe to run twice or at once on two nodes. */
export async function runCampaignSend(deps: Deps, mailer: CampaignMailer, { campaignId }: CampaignSendPayload): Promise<void> {
  let campaign = await findCampaign(deps.db, campaignId);
  if (!campaign) return;
  const now = deps.now();
  if (campaign.status === "scheduled") {
    // Woken early (another node's clock, a start that was undone by a pause and a new schedule): wait for the time.
    if (campaign.scheduleAt && campaign.scheduleAt > now) {
      await deps.queue.enqueue(CAMPAIGN_SEND_JOB, { campaignId }, { delayMs: campaign.scheduleAt.getTime() - now.getTime() });
      return;
    }
    campaign = (await moveCampaign(deps.db, campaignId, ["scheduled"], { status: "running", startedAt: now, updatedAt: now })) ?? campaign;
  }
  // Paused, a draft, or completed: nothing to send (starting again queues a new run).
  if (campaign.status !== "running") return;
  if (campaign.audienceSize === null) {
    const size = await resolveAudience(deps, campaign);
    await setAudienceSize(deps.db, campaignId, size);
    log.info({ campaignId, audience: size }, "campaign audience resolved");
  }
  const batch = await claimQueuedSends(deps.db, campaignId, campaign.throttlePerMinute ?? UNTHROTTLED_BATCH);
  await sendBatch(deps, mailer, campaign, batch);
  if (await hasQueuedSends(deps.db, campaignId)) {
    await deps.queue.enqueue(CAMPAIGN_SEND_JOB, { campaignId }, campaign.throttlePerMinute ? { delayMs: 60_000 } : {});
    return;
  }
  const done = deps.now();
  await moveCampaign(deps.db, campaignId, ["running"], { status: "completed", completedAt: done, updatedAt: done });
}
