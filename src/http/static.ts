/** Serves the built widget script (/widget.js), the console (/console) and the demo page (/). */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import express, { Router } from "express";
import { DEMO_INBOX_ID } from "../db/seed/demo-data.ts";
import { REPO_ROOT } from "../paths.ts";

const root = REPO_ROOT;
const widgetFile = path.join(root, "widget/dist/widget.js");
const consoleDir = path.join(root, "console/dist");

const missingBuild = (what: string): string =>
  `The ${what} has not been built. Run \`npm run build\` (npm install runs it too) and restart the server.`;

function escapeAttr(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// The demo shop's questions only make sense with its orders and articles; any other inbox gets a plain test page.
function pageText(inboxId: string): { title: string; header: string; body: string } {
  if (inboxId !== DEMO_INBOX_ID) {
    return {
      title: "Switchboard widget test page",
      header: "Switchboard",
      body: `<h1>Widget test page</h1>
  <p>This page embeds the Switchboard widget for the inbox <code>${escapeAttr(inboxId)}</code>: open the chat button in the corner to try it.</p>`,
    };
  }
  return {
    title: "Switchboard demo shop",
    header: "Acme Outdoor — demo shop",
    body: `<h1>Need help with an order?</h1>
  <p>This page embeds the Switchboard widget. Open the chat button in the corner and ask, for example,
  <em>"where is my order ORD-10001?"</em> (the bot asks for the email on the order: <code>jordan.lee@example.com</code>), <em>"what is your refund policy?"</em> or <em>"I want to talk to a human"</em>.</p>`,
  };
}

/** The page at /: the demo shop front (or, outside demo mode, a plain test page) with the widget embedded for the given inbox. */
export function demoPage(inboxId: string, origin: string): string {
  const text = pageText(inboxId);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${text.title}</title>
<style>
  body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; color: #1f2933; background: #f7f8fa; }
  header { background: #1f2933; color: #fff; padding: 18px 32px; font-size: 20px; font-weight: 600; }
  main { max-width: 760px; margin: 40px auto; padding: 0 24px; line-height: 1.6; }
  code { background: #e4e7eb; padding: 2px 6px; border-radius: 4px; }
  a { color: #3454d1; }
</style>
</head>
<body>
<header>${text.header}</header>
<main>
  ${text.body}
  <p>Agents answer from the <a href="/console">console</a>. Embed the widget on any site with:</p>
  <p><code>&lt;script src="${escapeAttr(origin)}/widget.js" data-inbox="${escapeAttr(inboxId)}" async&gt;&lt;/script&gt;</code></p>
</main>
<script src="/widget.js" data-inbox="${escapeAttr(inboxId)}" async></script>
</body>
</html>`;
}

/** Routes for the static parts of the product. */
export function staticRoutes(options: { demoInboxId: () => Promise<string | undefined> }): Router {
  const router = Router();
  router.get("/widget.js", (_req, res) => {
    if (!existsSync(widgetFile)) {
      res.status(503).type("text/plain").send(missingBuild("widget"));
      return;
    }
    res.setHeader("Cache-Control", "public, max-age=300");
    res.setHeader("Access-Control-Allow-Origin", "*");
    res.sendFile(widgetFile);
  });
  router.get("/", async (req, res) => {
    const inbox = await options.demoInboxId();
    if (!inbox) {
      res.status(503).type("text/plain").send("No web inbox exists yet. Start the server with `switchboard start` (it creates one) or `switchboard start --demo`.");
      return;
    }
    res.type("html").send(demoPage(inbox, `${req.protocol}://${req.get("host") ?? "localhost"}`));
  });
  router.use("/console", express.static(consoleDir, { index: false, maxAge: "1h" }));
  // Every other path under /console is one of the console's own pages, routed in the browser: /console/conversations/:id,
  // /console/reports, /console/security, /console/customers (?q=&tag=&companyId=&segment=&sort=), /console/customers/:id,
  // /console/companies, /console/settings, /console/settings/api-keys, /console/invite/:token. Each deep link gets the console, which then shows the page it names.
  router.get(/^\/console(\/.*)?$/, (_req, res) => {
    const index = path.join(consoleDir, "index.html");
    if (!existsSync(index)) {
      res.status(503).type("text/plain").send(missingBuild("console"));
      return;
    }
    res.setHeader("Cache-Control", "no-cache");
    res.type("html").send(readFileSync(index, "utf8"));
  });
  return router;
}
