/** Backups module: snapshots of the database taken by the running server. */
export { takeBackup, type TakenBackup } from "./backups.service.ts";
