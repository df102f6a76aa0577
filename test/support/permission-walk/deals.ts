/** The permission walk's scenarios for the sales deals actions (see types.ts). */
import type { Scenario, WalkContext } from "./types.ts";

/** The actions this file walks. */
export type DealsAction = "deal.read" | "deal.create" | "deal.edit" | "deal.delete" | "pipeline.configure";

const notBuilt: Scenario = async () => {
  throw new Error("the deals endpoints are not built yet");
};

/** One scenario per action. */
export function dealsScenarios(_ctx: WalkContext): Record<DealsAction, Scenario> {
  return {
    "deal.read": notBuilt,
    "deal.create": notBuilt,
    "deal.edit": notBuilt,
    "deal.delete": notBuilt,
    "pipeline.configure": notBuilt,
  };
}
