/** Public entry of the storage layer. */
export { openDatabase, type Database, type DatabaseHandle, type DatabaseTarget } from "./client.ts";
export * as tables from "./schema/index.ts";
export { isForeignKeyViolation, isUniqueViolation } from "./errors.ts";
