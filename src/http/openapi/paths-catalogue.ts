/** Operations of products and orders. */
import { createOrderBody, createProductBody, listOrdersQuery, listProductsQuery, orderIdParam, productIdParam, updateOrderBody, updateProductBody } from "../../modules/sales/index.ts";
import type { Operation } from "./operation.ts";
import { orderDTO, productDTO } from "./schemas-catalogue.ts";

const V1 = "/api/v1";
const tag = "Products and orders";

const products: Operation[] = [
  {
    method: "get",
    path: `${V1}/products`,
    tag,
    summary: "List and search products",
    description: "`q` is a substring of the name or SKU (any case); `active=true` keeps products on sale, `active=false` archived ones; by name.",
    access: { auth: "actor", actions: ["product.read"] },
    query: listProductsQuery,
    success: { status: 200, description: "A page of products.", page: productDTO },
  },
  {
    method: "post",
    path: `${V1}/products`,
    tag,
    summary: "Add a product",
    description: "`currency` defaults to USD.",
    access: { auth: "actor", actions: ["product.write"] },
    body: createProductBody,
    success: { status: 201, description: "The product.", data: productDTO },
    errors: ["PRODUCT_EXISTS"],
  },
  {
    method: "get",
    path: `${V1}/products/:id`,
    tag,
    summary: "One product (archived ones too)",
    access: { auth: "actor", actions: ["product.read"] },
    params: productIdParam,
    success: { status: 200, description: "The product.", data: productDTO },
    errors: ["PRODUCT_NOT_FOUND"],
  },
  {
    method: "patch",
    path: `${V1}/products/:id`,
    tag,
    summary: "Edit a product",
    description: "A new price applies to new orders only. `active: true` brings an archived product back.",
    access: { auth: "actor", actions: ["product.write"] },
    params: productIdParam,
    body: updateProductBody,
    success: { status: 200, description: "The product as changed.", data: productDTO },
    errors: ["PRODUCT_NOT_FOUND", "PRODUCT_EXISTS"],
  },
  {
    method: "delete",
    path: `${V1}/products/:id`,
    tag,
    summary: "Archive a product",
    description: "Sets `active: false`: the product leaves the catalogue the bot matches and cannot go on new orders; it stays on past orders and in their figures.",
    access: { auth: "actor", actions: ["product.write"] },
    params: productIdParam,
    success: { status: 204, description: "Archived." },
    errors: ["PRODUCT_NOT_FOUND"],
  },
];

const orders: Operation[] = [
  {
    method: "get",
    path: `${V1}/orders`,
    tag,
    summary: "List orders",
    description: "Newest `placedAt` first. `from`/`to` bound `placedAt` as a half-open period [from, to): ISO dates (midnight UTC) or date-times with a zone.",
    access: { auth: "actor", actions: ["order.read"] },
    query: listOrdersQuery,
    success: { status: 200, description: "A page of orders.", page: orderDTO },
  },
  {
    method: "post",
    path: `${V1}/orders`,
    tag,
    summary: "Record an order",
    description:
      "Unit prices default to the products' and the currency to theirs (products in several currencies need `currency`). `placedAt` may be in the past (imported history), not in the future; `status` defaults to processing. Archived products are refused (400 naming the line).",
    access: { auth: "actor", actions: ["order.create"] },
    body: createOrderBody,
    success: { status: 201, description: "The order, with its generated number.", data: orderDTO },
    errors: ["CUSTOMER_NOT_FOUND", "PRODUCT_NOT_FOUND", "USER_NOT_FOUND", "DEAL_NOT_FOUND", "CONVERSATION_NOT_FOUND"],
  },
  {
    method: "get",
    path: `${V1}/orders/:id`,
    tag,
    summary: "One order",
    access: { auth: "actor", actions: ["order.read"] },
    params: orderIdParam,
    success: { status: 200, description: "The order.", data: orderDTO },
    errors: ["ORDER_NOT_FOUND"],
  },
  {
    method: "patch",
    path: `${V1}/orders/:id`,
    tag,
    summary: "Change an order's status or shipping details",
    description: "Status moves processing → shipped → delivered, or to cancelled from processing or shipped (409 ORDER_STATUS_INVALID otherwise). Each change goes on the customer's timeline.",
    access: { auth: "actor", actions: ["order.edit"] },
    params: orderIdParam,
    body: updateOrderBody,
    success: { status: 200, description: "The order as changed.", data: orderDTO },
    errors: ["ORDER_NOT_FOUND", "ORDER_STATUS_INVALID"],
  },
];

/** Every operation of products and orders. */
export const salesCatalogueOperations: Operation[] = [...products, ...orders];
