/**
 * Who an audience holds: a segment or a saved CRM filter reads the customer list with its own query (so a campaign
 * reaches exactly who the list shows); "top N by response score" reads the N highest scores of the latest refresh.
 * Opted-out customers are left out of every audience.
 */
import type { CampaignAudience } from "../../db/schema/campaigns.ts";
import type { ServiceDeps } from "../deps.ts";
import { listCustomers } from "../customers/index.ts";
import { topResponseIds } from "../insights/index.ts";
import { optedOutAmong } from "./campaigns.repo.ts";

/** Customers read per page of the audience. */
const AUDIENCE_PAGE = 200;

/** One page of an audience's customers (not opted out). */
export type AudiencePage = { id: string; name: string | null }[];

/** The customer list's query for a segment or filter audience. */
function listQuery(audience: Exclude<CampaignAudience, { topResponse: unknown }>): { q?: string; tag: string[]; companyId?: string; segment?: string } {
  if ("segment" in audience) return { tag: [], segment: audience.segment };
  return { q: audience.filter.q, tag: audience.filter.tag ?? [], companyId: audience.filter.companyId, segment: audience.filter.segment };
}

/** Calls `each` with every page of the audience's customers, opted-out ones left out. */
export async function forEachAudiencePage(deps: Pick<ServiceDeps, "db">, audience: CampaignAudience, each: (page: AudiencePage) => Promise<void>): Promise<void> {
  if ("topResponse" in audience) {
    const top = await topResponseIds(deps.db, audience.topResponse.limit);
    for (let i = 0; i < top.length; i += AUDIENCE_PAGE) {
      const slice = top.slice(i, i + AUDIENCE_PAGE);
      const optedOut = await optedOutAmong(
        deps.db,
        slice.map((c) => c.id),
      );
      await each(slice.filter((c) => !optedOut.has(c.id)));
    }
    return;
  }
  let cursor: string | undefined;
  do {
    const page = await listCustomers(deps, { ...listQuery(audience), sort: "createdAt", limit: AUDIENCE_PAGE, cursor });
    const optedOut = await optedOutAmong(
      deps.db,
      page.data.map((c) => c.id),
    );
    await each(page.data.filter((c) => !optedOut.has(c.id)).map((c) => ({ id: c.id, name: c.name })));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

/** Every customer id of the audience (opted-out ones left out). */
export async function audienceIds(deps: Pick<ServiceDeps, "db">, audience: CampaignAudience): Promise<string[]> {
  const ids: string[] = [];
  await forEachAudiencePage(deps, audience, async (page) => {
    ids.push(...page.map((c) => c.id));
  });
  return ids;
}
