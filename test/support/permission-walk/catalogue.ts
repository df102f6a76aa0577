/** The permission walk's scenarios for the sales catalogue actions (see types.ts). */
import type { Scenario, WalkContext } from "./types.ts";

/** The actions this file walks. */
export type CatalogueAction = "product.read" | "product.write" | "order.read" | "order.create" | "order.edit";

const notBuilt: Scenario = async () => {
  throw new Error("the catalogue endpoints are not built yet");
};

/** One scenario per action. */
export function catalogueScenarios(_ctx: WalkContext): Record<CatalogueAction, Scenario> {
  return {
    "product.read": notBuilt,
    "product.write": notBuilt,
    "order.read": notBuilt,
    "order.create": notBuilt,
    "order.edit": notBuilt,
  };
}
