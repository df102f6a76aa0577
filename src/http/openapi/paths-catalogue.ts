/** Operations of products and orders. */
import type { Operation } from "./operation.ts";

/** Every operation of products and orders. */
export const salesCatalogueOperations: Operation[] = [];
