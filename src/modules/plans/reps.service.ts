/** Sales reps: every agent and manager, with how many open deals they may hold and the segments they cover. */
import type { SalesRepDTO } from "../../contracts/sales.ts";
import { AppError } from "../../errors.ts";
import type { ServiceDeps } from "../deps.ts";
import { findUserRole, listRepRows, upsertRep, type RepRow } from "./plans.repo.ts";
import type { UpdateRepInput } from "./plans.schemas.ts";

type Deps = Pick<ServiceDeps, "db" | "now">;

/** A rep as the API shows it (defaults for a user never configured: no capacity limit, any segment, active). */
export type RepDTO = SalesRepDTO;

function presentRep(row: RepRow): RepDTO {
  return { user: { id: row.id, name: row.name }, capacity: row.capacity, segments: row.segments ?? [], active: row.active ?? true, openDeals: row.openDeals };
}

/** Every agent and manager, by name. */
export async function listReps(deps: Deps): Promise<RepDTO[]> {
  return (await listRepRows(deps.db)).map(presentRep);
}

/**
 * Changes a rep's capacity, segments or active flag (the others keep their value). 404 USER_NOT_FOUND for an unknown
 * user; 400 naming userId for an admin (admins do not sell: the plans assign to agents and managers).
 */
export async function updateRep(deps: Deps, userId: string, patch: UpdateRepInput): Promise<RepDTO> {
  const role = await findUserRole(deps.db, userId);
  if (!role) throw new AppError("USER_NOT_FOUND");
  if (role !== "agent" && role !== "manager") throw new AppError("VALIDATION_FAILED", "Only agents and managers are sales reps.", { userId: "is not an agent or a manager" });
  const current = (await listRepRows(deps.db, userId))[0]!;
  // Segment names are kept as given, once each.
  const segments = patch.segments === undefined ? (current.segments ?? []) : [...new Set(patch.segments)];
  await upsertRep(
    deps.db,
    userId,
    { capacity: patch.capacity === undefined ? current.capacity : patch.capacity, segments, active: patch.active ?? current.active ?? true },
    deps.now(),
  );
  return presentRep((await listRepRows(deps.db, userId))[0]!);
}
