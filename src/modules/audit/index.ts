/** Audit module: every settings change recorded with who, what, before and after; read by admins. */
export { recordAudit, auditCommitted, changedFields, type AuditActor, type AuditChange } from "./audit.service.ts";
