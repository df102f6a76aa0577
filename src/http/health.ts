/** GET /healthz: 200 {"status":"ok"} when the database and Redis answer, 503 naming what is down otherwise. */
import { Router } from "express";
import type { Redis } from "ioredis";
import type { DatabaseHandle } from "../db/index.ts";

const TIMEOUT_MS = 2000;

async function probe(check: () => Promise<unknown>): Promise<"ok" | "down"> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([check(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error("timeout")), TIMEOUT_MS)))]);
    return "ok";
  } catch {
    return "down";
  } finally {
    clearTimeout(timer);
  }
}

/** The health route. */
export function healthRoutes(database: DatabaseHandle, redis: Redis): Router {
  const router = Router();
  router.get("/healthz", async (_req, res) => {
    const [db, redisState] = await Promise.all([probe(() => database.ping()), probe(() => redis.ping())]);
    if (db === "ok" && redisState === "ok") {
      res.json({ status: "ok" });
      return;
    }
    res.status(503).json({ status: "unavailable", checks: { database: db, redis: redisState } });
  });
  return router;
}
