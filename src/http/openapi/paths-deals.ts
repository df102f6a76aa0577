/** Operations of deals, stages and the pipeline. */
import type { Operation } from "./operation.ts";

/** Every operation of deals, stages and the pipeline. */
export const dealOperations: Operation[] = [];
