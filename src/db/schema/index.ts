/** The whole database schema, one file per aggregate. */
export * from "./users.ts";
export * from "./inboxes.ts";
export * from "./companies.ts";
export * from "./customers.ts";
export * from "./attributes.ts";
export * from "./visitors.ts";
export * from "./conversations.ts";
export * from "./tickets.ts";
export * from "./knowledge.ts";
export * from "./sales.ts";
export * from "./api-keys.ts";
export * from "./imports.ts";
export * from "./email.ts";
export * from "./helpdesk.ts";
export * from "./reports.ts";
export * from "./sla.ts";
export * from "./insights.ts";
