/** Operations of sales plans and reps. */
import type { Operation } from "./operation.ts";

/** Every operation of sales plans and reps. */
export const planOperations: Operation[] = [];
