/** Search module: one full-text search over conversations, messages, customers and tickets. */
export { search } from "./search.service.ts";
export { searchRoutes } from "./search.routes.ts";
export { searchQuery, type SearchQuery } from "./search.schemas.ts";
