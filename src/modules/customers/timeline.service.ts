/** A customer's timeline: everything that happened with them, newest first, in one stream. */
import type { TimelineKind } from "../../contracts/crm.ts";
import type { ServiceDeps } from "../deps.ts";
import { loadLiveCustomer } from "./customers.actors.ts";
import { timelinePage, type TimelineCursor, type TimelineRow } from "./timeline.repo.ts";
import { TIMELINE_KINDS } from "./timeline.schemas.ts";

/** `limit` entries of a live customer's timeline after the cursor, of the given kinds (all when none are given). */
export async function customerTimeline(
  deps: Pick<ServiceDeps, "db">,
  customerId: string,
  query: { kinds?: readonly TimelineKind[]; cursor: TimelineCursor | null; limit: number },
): Promise<TimelineRow[]> {
  const customer = await loadLiveCustomer(deps, customerId);
  return timelinePage(deps.db, { id: customer.id, name: customer.name }, query.kinds ?? TIMELINE_KINDS, query.cursor, query.limit);
}
