/** GET /api/v1/openapi.json: the OpenAPI document, public, built on the first request and kept as the JSON text sent. */
import { Router } from "express";
import { buildOpenApiDocument } from "./document.ts";

let documentText: string | undefined;

/** The document as JSON text (built once per process: it depends on the code only). */
export function openApiJson(): string {
  documentText ??= JSON.stringify(buildOpenApiDocument());
  return documentText;
}

/** The route serving the document (mounted inside /api/v1). */
export function openApiRoutes(): Router {
  const router = Router();
  router.get("/openapi.json", (_req, res) => {
    res.setHeader("Cache-Control", "public, max-age=300");
    res.type("application/json").send(openApiJson());
  });
  return router;
}
