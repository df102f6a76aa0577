/**
 * The permission matrix: who may do what to whose tickets, conversations, customers, reports and sessions. The server's
 * policy module enforces exactly this table, the README shows it (a test checks the two agree), and a test walks every
 * row over HTTP. The console reads it to hide what a user may not do.
 */

/** A console user's role. */
export type Role = "agent" | "manager" | "admin";

/** Every role, in the order the README's columns show them. */
export const ROLES: readonly Role[] = ["agent", "manager", "admin"];

/**
 * Whose resource it is, seen from the user acting: `any` where ownership does not matter; `conversation` is another
 * user's resource linked to a conversation whose unresolved ticket is the acting user's (the lead a chat opened).
 */
export type Scope = "any" | "own" | "unassigned" | "others" | "conversation";

/** Everything the matrix governs. */
export type Action =
  | "ticket.read"
  | "ticket.take"
  | "ticket.assign"
  | "ticket.status"
  | "ticket.priority"
  | "conversation.read"
  | "conversation.reply"
  | "customer.read"
  | "customer.create"
  | "customer.edit"
  | "customer.note"
  | "note.edit"
  | "customer.merge"
  | "customer.import"
  | "customer.export"
  | "customer.erase"
  | "company.read"
  | "company.write"
  | "company.delete"
  | "attribute.define"
  | "product.read"
  | "product.write"
  | "order.read"
  | "order.create"
  | "order.edit"
  | "deal.read"
  | "deal.create"
  | "deal.edit"
  | "deal.delete"
  | "pipeline.configure"
  | "sales.report"
  | "sales.target"
  | "sales.plan"
  | "settings.apikeys"
  | "settings.inboxes"
  | "campaign.read"
  | "campaign.write"
  | "report.read"
  | "report.export"
  | "settings.users"
  | "settings.teams"
  | "settings.labels"
  | "settings.sla"
  | "settings.audit"
  | "settings.kb"
  | "canned.personal"
  | "canned.shared"
  | "conversation.note"
  | "conversation.label"
  | "settings.backup"
  | "session.list"
  | "session.end";

/** What an API key may be allowed to do (`POST /api/v1/api-keys` {name, scopes}). */
export type ApiScope = "customers:read" | "customers:write" | "conversations:read" | "tickets:read" | "tickets:write" | "reports:read" | "sales:read" | "sales:write";

/** Every API scope, in the order the README lists them. */
export const API_SCOPES: readonly ApiScope[] = [
  "customers:read",
  "customers:write",
  "conversations:read",
  "tickets:read",
  "tickets:write",
  "reports:read",
  "sales:read",
  "sales:write",
];

/** One row of the matrix: an action on resources of one scope, the roles allowed, the API scope that allows it to a key, and the status others get. */
export type PermissionRow = {
  action: Action;
  scope: Scope;
  /** What the row means, as the README shows it. */
  label: string;
  roles: readonly Role[];
  /**
   * The API-key scope that allows the action on resources of this row's scope; none: console users only. A key owns
   * nothing (no ticket is assigned to it), so its tickets and customers are "unassigned" or "others"; a note it wrote is
   * its "own".
   */
  apiScope?: ApiScope;
  /** The status a denied request gets: 403 FORBIDDEN, or 404 where even the resource's existence is private. */
  denied: 403 | 404;
  /** The error code of a 404 denial (the same a missing resource gets). */
  notFoundCode?: "SESSION_NOT_FOUND" | "DEAL_NOT_FOUND";
};

const everyone: readonly Role[] = ROLES;
const managers: readonly Role[] = ["manager", "admin"];
const admins: readonly Role[] = ["admin"];
const nobody: readonly Role[] = [];

// "own": assigned to the user acting; "unassigned": in the queue, or still with the bot; "others": assigned to someone else.
/** The matrix itself. */
export const PERMISSION_MATRIX: readonly PermissionRow[] = [
  { action: "ticket.read", scope: "any", label: "see tickets and their history", roles: everyone, apiScope: "tickets:read", denied: 403 },
  { action: "ticket.take", scope: "unassigned", label: "take an unassigned ticket (assign it to yourself)", roles: everyone, denied: 403 },
  { action: "ticket.take", scope: "others", label: "take another agent's ticket", roles: managers, denied: 403 },
  { action: "ticket.assign", scope: "own", label: "transfer your ticket to someone else or back to the queue", roles: everyone, apiScope: "tickets:write", denied: 403 },
  { action: "ticket.assign", scope: "unassigned", label: "assign an unassigned ticket to someone else", roles: managers, apiScope: "tickets:write", denied: 403 },
  { action: "ticket.assign", scope: "others", label: "reassign or unassign another agent's ticket", roles: managers, apiScope: "tickets:write", denied: 403 },
  { action: "ticket.status", scope: "own", label: "change the status of your ticket (resolve, pending, reopen)", roles: everyone, apiScope: "tickets:write", denied: 403 },
  { action: "ticket.status", scope: "unassigned", label: "change the status of an unassigned ticket", roles: everyone, apiScope: "tickets:write", denied: 403 },
  { action: "ticket.status", scope: "others", label: "change the status of another agent's ticket", roles: managers, apiScope: "tickets:write", denied: 403 },
  { action: "ticket.priority", scope: "own", label: "change the priority of your ticket", roles: everyone, apiScope: "tickets:write", denied: 403 },
  { action: "ticket.priority", scope: "unassigned", label: "change the priority of an unassigned ticket", roles: everyone, apiScope: "tickets:write", denied: 403 },
  { action: "ticket.priority", scope: "others", label: "change the priority of another agent's ticket", roles: managers, apiScope: "tickets:write", denied: 403 },
  { action: "conversation.read", scope: "any", label: "see conversations and their messages", roles: everyone, apiScope: "conversations:read", denied: 403 },
  { action: "conversation.reply", scope: "own", label: "reply in a conversation whose ticket is yours", roles: everyone, denied: 403 },
  { action: "conversation.reply", scope: "unassigned", label: "reply in a conversation with the bot or in the queue", roles: everyone, denied: 403 },
  { action: "conversation.reply", scope: "others", label: "reply in a conversation whose ticket is another agent's", roles: managers, denied: 403 },
  { action: "conversation.note", scope: "any", label: "write a private note in a conversation (never sent to the customer)", roles: everyone, denied: 403 },
  { action: "conversation.label", scope: "any", label: "set a conversation's labels", roles: everyone, denied: 403 },
  { action: "canned.personal", scope: "any", label: "use canned replies; add, edit and delete your personal ones", roles: everyone, denied: 403 },
  { action: "canned.shared", scope: "any", label: "add, edit and delete shared canned replies", roles: managers, denied: 403 },
  { action: "customer.edit", scope: "own", label: "edit the name, email or phone of a customer whose open ticket is yours", roles: everyone, apiScope: "customers:write", denied: 403 },
  { action: "customer.edit", scope: "others", label: "edit any other customer's name, email or phone", roles: managers, apiScope: "customers:write", denied: 403 },
  { action: "customer.read", scope: "any", label: "see customers, their profiles and timelines", roles: everyone, apiScope: "customers:read", denied: 403 },
  { action: "customer.create", scope: "any", label: "add a customer", roles: everyone, apiScope: "customers:write", denied: 403 },
  { action: "customer.note", scope: "any", label: "write a note on a customer", roles: everyone, apiScope: "customers:write", denied: 403 },
  { action: "note.edit", scope: "own", label: "edit or delete a note you wrote", roles: everyone, apiScope: "customers:write", denied: 403 },
  { action: "note.edit", scope: "others", label: "edit or delete someone else's note", roles: nobody, denied: 403 },
  { action: "customer.merge", scope: "any", label: "merge two customer records", roles: managers, apiScope: "customers:write", denied: 403 },
  { action: "customer.import", scope: "any", label: "import customers or companies from CSV", roles: managers, apiScope: "customers:write", denied: 403 },
  { action: "customer.export", scope: "any", label: "export customers as CSV, or everything stored about one customer (GDPR)", roles: admins, denied: 403 },
  { action: "customer.erase", scope: "any", label: "erase a customer (GDPR; cannot be undone)", roles: admins, denied: 403 },
  { action: "company.read", scope: "any", label: "see companies", roles: everyone, apiScope: "customers:read", denied: 403 },
  { action: "company.write", scope: "any", label: "add or edit a company", roles: everyone, apiScope: "customers:write", denied: 403 },
  { action: "company.delete", scope: "any", label: "delete a company (its customers stay, without it)", roles: managers, apiScope: "customers:write", denied: 403 },
  { action: "attribute.define", scope: "any", label: "define custom attributes", roles: admins, denied: 403 },
  { action: "product.read", scope: "any", label: "see the product catalogue", roles: everyone, apiScope: "sales:read", denied: 403 },
  { action: "product.write", scope: "any", label: "add, edit or archive a product", roles: managers, apiScope: "sales:write", denied: 403 },
  { action: "order.read", scope: "any", label: "see orders", roles: everyone, apiScope: "sales:read", denied: 403 },
  { action: "order.create", scope: "any", label: "record an order", roles: everyone, apiScope: "sales:write", denied: 403 },
  { action: "order.edit", scope: "any", label: "change an order's status, carrier or tracking number", roles: everyone, apiScope: "sales:write", denied: 403 },
  // Deals: "own" is a deal the user owns, "unassigned" one without an owner (a lead waiting), "others" someone else's.
  { action: "deal.read", scope: "own", label: "see your deals", roles: everyone, apiScope: "sales:read", denied: 404, notFoundCode: "DEAL_NOT_FOUND" },
  { action: "deal.read", scope: "unassigned", label: "see deals without an owner (new leads)", roles: everyone, apiScope: "sales:read", denied: 404, notFoundCode: "DEAL_NOT_FOUND" },
  { action: "deal.read", scope: "others", label: "see another rep's deals", roles: managers, apiScope: "sales:read", denied: 404, notFoundCode: "DEAL_NOT_FOUND" },
  // The agent chatting with the customer sees the lead the chat opened even when round-robin gave it to another rep.
  { action: "deal.read", scope: "conversation", label: "see another rep's deal linked to a conversation whose ticket is yours", roles: everyone, apiScope: "sales:read", denied: 404, notFoundCode: "DEAL_NOT_FOUND" },
  { action: "deal.create", scope: "any", label: "create a deal", roles: everyone, apiScope: "sales:write", denied: 403 },
  { action: "deal.edit", scope: "own", label: "edit your deal or move it to another stage", roles: everyone, apiScope: "sales:write", denied: 403 },
  { action: "deal.edit", scope: "unassigned", label: "edit a deal without an owner (take a lead)", roles: everyone, apiScope: "sales:write", denied: 403 },
  { action: "deal.edit", scope: "others", label: "edit or move another rep's deal, or give it to someone else", roles: managers, apiScope: "sales:write", denied: 403 },
  { action: "deal.edit", scope: "conversation", label: "edit or move another rep's deal linked to a conversation whose ticket is yours", roles: managers, apiScope: "sales:write", denied: 403 },
  { action: "deal.delete", scope: "any", label: "delete a deal", roles: managers, apiScope: "sales:write", denied: 403 },
  { action: "pipeline.configure", scope: "any", label: "rename, reorder and add pipeline stages", roles: admins, denied: 403 },
  { action: "sales.report", scope: "any", label: "read sales figures, the pipeline's totals, targets and the forecast", roles: managers, apiScope: "sales:read", denied: 403 },
  { action: "sales.target", scope: "any", label: "set sales targets and reps' capacity and segments", roles: managers, apiScope: "sales:write", denied: 403 },
  { action: "sales.plan", scope: "any", label: "run and apply lead-assignment and effort plans", roles: managers, apiScope: "sales:write", denied: 403 },
  { action: "campaign.read", scope: "any", label: "see campaigns and their results", roles: managers, denied: 403 },
  { action: "campaign.write", scope: "any", label: "create, start and pause campaigns; opt a customer out of them", roles: managers, denied: 403 },
  { action: "report.read", scope: "any", label: "read reports", roles: managers, apiScope: "reports:read", denied: 403 },
  { action: "report.export", scope: "any", label: "export reports as CSV", roles: managers, apiScope: "reports:read", denied: 403 },
  { action: "settings.users", scope: "any", label: "list, add, change, deactivate console users and reset their passwords", roles: admins, denied: 403 },
  { action: "settings.teams", scope: "any", label: "add and change teams (members, inboxes, intents)", roles: admins, denied: 403 },
  { action: "settings.labels", scope: "any", label: "add, change and delete labels and their intent rules", roles: admins, denied: 403 },
  { action: "settings.sla", scope: "any", label: "add, change and delete SLA policies", roles: admins, denied: 403 },
  { action: "settings.audit", scope: "any", label: "read the audit log of settings changes", roles: admins, denied: 403 },
  { action: "settings.kb", scope: "any", label: "add, change and delete the bot's answers, preview the bot, retrain the intent model", roles: admins, denied: 403 },
  { action: "settings.apikeys", scope: "any", label: "create, list and revoke API keys", roles: admins, denied: 403 },
  { action: "settings.inboxes", scope: "any", label: "add, change and delete inboxes and their channel credentials", roles: admins, denied: 403 },
  { action: "settings.backup", scope: "any", label: "download a backup of the whole database", roles: admins, denied: 403 },
  { action: "session.list", scope: "own", label: "list your sessions", roles: everyone, denied: 403 },
  { action: "session.end", scope: "own", label: "end one of your sessions, or all of them", roles: everyone, denied: 403 },
  { action: "session.end", scope: "others", label: "end another user's session", roles: nobody, denied: 404, notFoundCode: "SESSION_NOT_FOUND" },
];

/** The matrix row for an action on a scope, if the matrix has one (an action without a row for a scope is denied). */
export function permissionRow(action: Action, scope: Scope): PermissionRow | undefined {
  return PERMISSION_MATRIX.find((row) => row.action === action && row.scope === scope);
}

/**
 * Whether an API key with these scopes may perform an action on a resource of this scope: the row's `apiScope` decides,
 * exactly as its `roles` do for a console user (so "edit someone else's note" stays refused to every key).
 */
export function keyCan(scopes: readonly ApiScope[], action: Action, scope: Scope = "any"): boolean {
  const apiScope = permissionRow(action, scope)?.apiScope;
  return apiScope !== undefined && scopes.includes(apiScope);
}

/** Whether a role may perform an action on a resource of this scope. */
export function can(role: Role, action: Action, scope: Scope = "any"): boolean {
  return permissionRow(action, scope)?.roles.includes(role) ?? false;
}

/**
 * The matrix rows an API-key scope grants, as documentation lists them: a key owns no ticket or customer and is assigned
 * no conversation, so a "yours" or "on your conversation" row is left out where the "another user's" row grants the
 * same scope (a note a key wrote stays its own).
 */
export function apiScopeGrants(apiScope: ApiScope): PermissionRow[] {
  return PERMISSION_MATRIX.filter(
    (row) => row.apiScope === apiScope && !((row.scope === "own" || row.scope === "conversation") && permissionRow(row.action, "others")?.apiScope === apiScope),
  );
}
