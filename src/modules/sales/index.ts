/** Sales module: products and orders. */
export { productCatalogue, orderByNumber } from "./sales.service.ts";
export type { OrderRow, ProductRow } from "./sales.repo.ts";
