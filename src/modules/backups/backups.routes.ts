/** REST: POST /api/v1/admin/backup, a snapshot of the running server's database (admins only). */
import { Router } from "express";
import { currentUser, requireUser } from "../../http/middlewares/auth.ts";
import type { DatabaseHandle } from "../../db/index.ts";
import type { ServiceDeps } from "../deps.ts";
import { assertCan } from "../policy/index.ts";
import { takeBackup } from "./backups.service.ts";

/** Routes under /api/v1/admin. */
export function backupsRoutes(deps: ServiceDeps, database: Pick<DatabaseHandle, "kind" | "backup">): Router {
  const router = Router();
  router.post("/backup", requireUser(deps), async (req, res) => {
    // A backup holds every customer's data and every password hash.
    assertCan(currentUser(req), "settings.backup");
    const backup = await takeBackup(database, deps.now());
    res.setHeader("Cache-Control", "no-store");
    res.attachment(backup.fileName);
    res.type(backup.contentType);
    await new Promise<void>((resolve, reject) => res.sendFile(backup.file, (error) => (error ? reject(error) : resolve()))).finally(() => backup.discard());
  });
  return router;
}
