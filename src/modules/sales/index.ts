/** Sales module: products and orders. */
export { productCatalogue, orderByNumber, checkOrderOwnership, MAX_OWNERSHIP_FAILURES, type OwnershipCheck } from "./sales.service.ts";
export type { OrderRow, ProductRow } from "./sales.repo.ts";
