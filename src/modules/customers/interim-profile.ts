/**
 * A minimal customer profile for the merge and suggestion endpoints until the customers slice's profile loader lands
 * (then this file goes and they call that one): the record, its company, identities and open suggestions.
 */
import { eq } from "drizzle-orm";
import type { CustomerProfileDTO } from "../../contracts/crm.ts";
import { tables } from "../../db/index.ts";
import type { ServiceDeps } from "../deps.ts";
import { loadLiveCustomer } from "./customers.actors.ts";
import { presentSuggestion } from "./suggestions.presenter.ts";
import { listOpenSuggestions } from "./suggestions.repo.ts";

/** The live customer's profile (404 CUSTOMER_NOT_FOUND, with mergedInto for a merged record). */
export async function loadCustomerProfile(deps: Pick<ServiceDeps, "db">, id: string): Promise<CustomerProfileDTO> {
  const row = await loadLiveCustomer(deps, id);
  const [company] = row.companyId ? await deps.db.select().from(tables.companies).where(eq(tables.companies.id, row.companyId)).limit(1) : [];
  const identities = await deps.db.select().from(tables.customerIdentities).where(eq(tables.customerIdentities.customerId, id));
  const suggestions = await listOpenSuggestions(deps.db, id);
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    phone: row.phone,
    tier: row.tier,
    company: company ? { id: company.id, name: company.name, domain: company.domain } : null,
    tags: row.tags,
    segment: row.segment,
    attributes: row.attributes,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    identities: identities.map((i) => ({ channel: i.channel, externalId: i.externalId, createdAt: i.createdAt.toISOString() })),
    figures: {
      conversations: 0,
      tickets: 0,
      openTickets: 0,
      orders: 0,
      totalSpentCents: 0,
      averageOrderCents: null,
      currency: null,
      firstSeenAt: null,
      lastSeenAt: null,
    },
    sentimentTrend: [],
    suggestions: suggestions.map(presentSuggestion),
    duplicates: [],
    recentOrders: [],
    recentConversations: [],
  };
}
