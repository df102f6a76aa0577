/** The permission walk's scenarios for the sales plans actions (see types.ts). */
import type { Scenario, WalkContext } from "./types.ts";

/** The actions this file walks. */
export type PlansAction = "sales.plan";

const notBuilt: Scenario = async () => {
  throw new Error("the plans endpoints are not built yet");
};

/** One scenario per action. */
export function plansScenarios(_ctx: WalkContext): Record<PlansAction, Scenario> {
  return {
    "sales.plan": notBuilt,
  };
}
