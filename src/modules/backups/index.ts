/** Backups module: snapshots of the database taken by the running server. */
export { assertMayBackUp, takeBackup, type TakenBackup } from "./backups.service.ts";
