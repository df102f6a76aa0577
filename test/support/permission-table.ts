/** Renders the permission matrix as the README's Markdown table, so a test can check the README shows exactly the enforced rules. */
import { API_SCOPES, apiScopeGrants, PERMISSION_MATRIX, ROLES } from "../../src/contracts/permissions.ts";

const scopeText = { any: "any", own: "yours", unassigned: "unassigned", others: "another user's", conversation: "another user's, on your conversation" } as const;

/** The Markdown table (header, separator and one line per matrix row). */
export function permissionTableMarkdown(): string {
  const header = `| action | whose | what | ${ROLES.join(" | ")} | API key scope | denied with |`;
  const separator = `|${" --- |".repeat(ROLES.length + 5)}`;
  const lines = PERMISSION_MATRIX.map((row) => {
    const cells = ROLES.map((role) => (row.roles.includes(role) ? "yes" : "no"));
    const denied = row.notFoundCode ? `404 \`${row.notFoundCode}\`` : "403 `FORBIDDEN`";
    const apiScope = row.apiScope ? `\`${row.apiScope}\`` : "—";
    return `| \`${row.action}\` | ${scopeText[row.scope]} | ${row.label} | ${cells.join(" | ")} | ${apiScope} | ${denied} |`;
  });
  return [header, separator, ...lines].join("\n");
}

/** The README's table of API-key scopes: each scope with what the matrix lets a key holding it do. */
export function apiScopeTableMarkdown(): string {
  const lines = API_SCOPES.map((scope) => {
    const allows = [...new Set(apiScopeGrants(scope).map((row) => row.label))];
    return `| \`${scope}\` | ${allows.join("; ")} |`;
  });
  return ["| scope | lets the key |", "|---|---|", ...lines].join("\n");
}
