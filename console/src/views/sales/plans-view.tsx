/** The Plans page (managers and admins): lead assignment and effort allocation, each proposed by a solver and applied by a person, and the reps they assign to. */
import type { UserDTO } from "../../../../src/contracts/api.ts";
import type { CrmOperations } from "../../controller/crm-operations.ts";
import { PLANS_TEXT } from "../../sales-strings.ts";
import { EffortPlanCard } from "./effort-plan.tsx";
import { LeadPlanCard } from "./lead-plan.tsx";
import { RepsCard } from "./reps-card.tsx";
import { SalesShell } from "./sales-shell.tsx";

/** The page. */
export function PlansView(props: { crm: CrmOperations; user: UserDTO }) {
  return (
    <SalesShell user={props.user} crm={props.crm} page="plans" title={PLANS_TEXT.title} testId="plans-view" wide>
      <div class="sales-grid">
        <LeadPlanCard crm={props.crm} />
        <EffortPlanCard crm={props.crm} />
        <RepsCard crm={props.crm} />
      </div>
    </SalesShell>
  );
}
