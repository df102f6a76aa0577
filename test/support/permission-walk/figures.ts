/** The permission walk's scenarios for the sales figures actions (see types.ts). */
import type { Scenario, WalkContext } from "./types.ts";

/** The actions this file walks. */
export type FiguresAction = "sales.report" | "sales.target";

const notBuilt: Scenario = async () => {
  throw new Error("the figures endpoints are not built yet");
};

/** One scenario per action. */
export function figuresScenarios(_ctx: WalkContext): Record<FiguresAction, Scenario> {
  return {
    "sales.report": notBuilt,
    "sales.target": notBuilt,
  };
}
