/**
 * /api/docs: a readable reference of the REST API, Redoc's standalone bundle served from node_modules (no CDN) over
 * GET /api/v1/openapi.json. The page has no inline script (the bundle finds the <redoc spec-url> element itself); the
 * styles Redoc injects carry the response's CSP nonce, passed to Redoc as its `nonce` option.
 */
import { createRequire } from "node:module";
import { Router } from "express";
import { DOCS_PAGE_PATH, styleNonce } from "../middlewares/security-headers.ts";

const require = createRequire(import.meta.url);
const bundle = require.resolve("redoc/bundles/redoc.standalone.js");

const DOCS_PATH = DOCS_PAGE_PATH;

// Starts Redoc on the page's element with the response's style nonce (a data attribute: browsers hide a `nonce`
// attribute's value from scripts, so Redoc could not read it from its own element).
const initScript = `"use strict";
(function () {
  var el = document.getElementById("reference");
  window.Redoc.init(el.dataset.specUrl, {
    nonce: el.dataset.styleNonce,
    hideHostname: true,
    nativeScrollbars: true,
    pathInMiddlePanel: true,
    hideDownloadButton: false
  }, el);
})();
`;

// The nonce is base64: it needs no escaping inside the attribute.
const page = (nonce: string): string => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Switchboard REST API reference</title>
<link rel="icon" href="data:,">
</head>
<body>
<div id="reference" data-spec-url="/api/v1/openapi.json" data-style-nonce="${nonce}"></div>
<script src="${DOCS_PATH}/redoc.standalone.js"></script>
<script src="${DOCS_PATH}/init.js"></script>
</body>
</html>`;

/** The page and its script. */
export function docsRoutes(): Router {
  const router = Router();
  router.get(DOCS_PATH, (_req, res) => {
    res.setHeader("Cache-Control", "no-store");
    res.type("html").send(page(styleNonce(res)));
  });
  router.get(`${DOCS_PATH}/redoc.standalone.js`, (_req, res) => {
    res.sendFile(bundle, { maxAge: "1d" });
  });
  router.get(`${DOCS_PATH}/init.js`, (_req, res) => {
    res.setHeader("Cache-Control", "public, max-age=3600");
    res.type("text/javascript").send(initScript);
  });
  return router;
}
