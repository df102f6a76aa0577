/** Sales module: the product catalogue, orders, the daily sales rollups the figures read, and revenue per period. */
export { productCatalogue, orderByNumber, checkOrderOwnership, MAX_OWNERSHIP_FAILURES, type OwnershipCheck } from "./sales.service.ts";
export type { OrderRow, ProductRow } from "./sales.repo.ts";
export { rebuildSalesRollups } from "./rollups.repo.ts";
export { revenueByPeriod, type PeriodRevenueQuery, type PeriodRevenueRow } from "./revenue-periods.repo.ts";
export { ORDER_TRANSITIONS, changeOrder } from "./order-changes.service.ts";
export { createOrder, getOrder } from "./orders.service.ts";
export { presentOrder } from "./orders.presenter.ts";
export { presentProduct } from "./products.presenter.ts";
export { createProductBody, listProductsQuery, productIdParam, updateProductBody, currencySchema } from "./products.schemas.ts";
export { createOrderBody, listOrdersQuery, orderIdParam, updateOrderBody, instantSchema } from "./orders.schemas.ts";
