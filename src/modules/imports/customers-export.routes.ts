/** REST: GET /api/v1/customers/export.csv (admins), mounted before the customers router so "export.csv" is not taken for an id. */
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { Router } from "express";
import { currentActor, requireActor } from "../../http/middlewares/auth.ts";
import { parseInput } from "../../http/middlewares/validate.ts";
import type { ServiceDeps } from "../deps.ts";
import { assertCan } from "../policy/index.ts";
import { exportCustomersCsv } from "./customers-export.service.ts";
import { customerExportQuery } from "./imports.schemas.ts";

/** The export route, for /api/v1/customers. */
export function customersExportRoutes(deps: ServiceDeps): Router {
  const router = Router();
  router.get("/export.csv", requireActor(deps), async (req, res) => {
    assertCan(currentActor(req), "customer.export");
    const filter = parseInput(customerExportQuery, req.query);
    const csv = exportCustomersCsv(deps, filter);
    // The header comes first and on its own: a failure that early is still answered as a JSON error.
    const header = await csv.next();
    res.type("text/csv; charset=utf-8");
    res.attachment(`customers-${new Date().toISOString().slice(0, 10)}.csv`);
    res.write(header.value ?? "");
    await pipeline(Readable.from(csv), res);
  });
  return router;
}
