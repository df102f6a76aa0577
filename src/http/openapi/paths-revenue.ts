/** Operations of the sales summary, targets and forecast. */
import type { Operation } from "./operation.ts";

/** Every operation of the sales summary, targets and forecast. */
export const revenueOperations: Operation[] = [];
