/** The REST table of contents: every route the server answers, in one place. */
import express, { Router } from "express";
import type { Container } from "../container.ts";
import { agentsRoutes } from "../modules/agents/agents.routes.ts";
import { agentDirectoryRoutes } from "../modules/agents/directory.routes.ts";
import { sessionsRoutes } from "../modules/agents/sessions.routes.ts";
import { profileRoutes } from "../modules/agents/profile.routes.ts";
import { auditRoutes } from "../modules/audit/audit.routes.ts";
import { cannedRoutes } from "../modules/canned/canned.routes.ts";
import { conversationLabelsRoutes, labelsRoutes } from "../modules/labels/labels.routes.ts";
import { intentModelRoutes, kbArticlesRoutes } from "../modules/knowledge/knowledge.routes.ts";
import { conversationNotesRoutes, notificationsRoutes } from "../modules/notes/notes.routes.ts";
import { apiKeysRoutes } from "../modules/apikeys/apikeys.routes.ts";
import { backupsRoutes } from "../modules/backups/backups.routes.ts";
import { attachmentsRoutes } from "../modules/conversations/attachments.routes.ts";
import { conversationsRoutes } from "../modules/conversations/conversations.routes.ts";
import { campaignsRoutes } from "../modules/campaigns/campaigns.routes.ts";
import { companiesRoutes } from "../modules/companies/companies.routes.ts";
import { attributesRoutes } from "../modules/customers/attributes.routes.ts";
import { customersRoutes } from "../modules/customers/customers.routes.ts";
import { notesRoutes } from "../modules/customers/notes.routes.ts";
import { timelineRoutes } from "../modules/customers/timeline.routes.ts";
import { mergeRoutes } from "../modules/customers/merge.routes.ts";
import { privacyRoutes } from "../modules/customers/privacy.routes.ts";
import { suggestionsRoutes } from "../modules/customers/suggestions.routes.ts";
import { customersExportRoutes } from "../modules/imports/customers-export.routes.ts";
import { importsRoutes } from "../modules/imports/imports.routes.ts";
import { listInboxes } from "../modules/inboxes/index.ts";
import { inboxesRoutes } from "../modules/inboxes/inboxes.routes.ts";
import { teamsRoutes } from "../modules/settings/teams.routes.ts";
import { businessHoursRoutes, slaPoliciesRoutes } from "../modules/sla/sla.routes.ts";
import { usersRoutes } from "../modules/settings/users.routes.ts";
import { searchRoutes } from "../modules/search/index.ts";
import { ticketsRoutes } from "../modules/tickets/tickets.routes.ts";
import { reportsRoutes } from "../modules/reports/reports.routes.ts";
import { insightsRoutes } from "../modules/insights/insights.routes.ts";
import { dealsRoutes } from "../modules/deals/deals.routes.ts";
import { plansRoutes } from "../modules/plans/plans.routes.ts";
import { revenueRoutes } from "../modules/revenue/revenue.routes.ts";
import { ordersRoutes } from "../modules/sales/orders.routes.ts";
import { productsRoutes } from "../modules/sales/products.routes.ts";
import { botFrameworkRoutes } from "../channels/botframework/routes.ts";
import { inviteMailer } from "../channels/email/invite-mail.ts";
import { channelRoutes } from "../channels/registry.ts";
import { inboxChecksRoutes } from "../channels/inbox-checks.routes.ts";
import { widgetConfigRoutes, widgetLookRoutes } from "../modules/inboxes/widget-look.routes.ts";
import { healthRoutes } from "./health.ts";
import { docsRoutes } from "./openapi/docs.routes.ts";
import { openApiRoutes } from "./openapi/openapi.routes.ts";
import { errorHandler, notFound } from "./middlewares/errors.ts";
import { requireConsoleOrigin } from "./middlewares/origin-check.ts";
import { apiRateLimit } from "./middlewares/rate-limit.ts";
import { securityHeaders } from "./middlewares/security-headers.ts";
import { staticRoutes } from "./static.ts";

/** Mounts every route on the app. */
export function mountRoutes(app: express.Express, container: Container): void {
  const deps = container.deps;
  const secureCookies = container.config.publicUrl?.startsWith("https://") ?? false;

  app.use(securityHeaders({ publicUrl: container.config.publicUrl }));
  app.use(healthRoutes(container.database, container.redis));

  const api = Router();
  api.use(requireConsoleOrigin(container.config.publicUrl));
  api.use(apiRateLimit(container.limits, deps));
  // A plan names up to 5,000 deals (a 2,000-deal plan's ids alone are 80 KB): its bodies get a larger limit.
  api.use("/sales/plans", express.json({ limit: "1mb" }));
  api.use(express.json({ limit: "64kb" }));
  api.use(openApiRoutes());                                // GET /openapi.json: this API's OpenAPI 3.1 document (public)
  // /auth/login (behind the login guard: attempts per address, lockout per account), /auth/invite, /auth/logout, /auth/me, /agents/me
  api.use(agentsRoutes(deps, { secureCookies, loginGuard: container.limits.login }));
  api.use(sessionsRoutes(deps, { loginGuard: container.limits.login })); // password guesses share the login limits                           // /auth/sessions, /auth/logout-everywhere, /auth/password
  api.use("/agents", agentDirectoryRoutes(deps));          // GET /agents?withLoad=1, GET /agents/teams: the assignment picker's lists
  api.use(profileRoutes(deps));                            // GET/PATCH /auth/profile: your name, avatar, notification preferences
  api.use("/users", usersRoutes(deps, { publicUrl: container.config.publicUrl, inviteMailer: inviteMailer(deps) }));                    // console users: list, add, change, deactivate, reset password (admins)
  api.use("/teams", teamsRoutes(deps));                    // teams with members, inboxes and intents (admins)
  api.use("/sla-policies", slaPoliciesRoutes(deps));      // SLA targets per priority (admins)
  api.use("/audit-log", auditRoutes(deps));                // every settings change (admins)
  api.use("/conversations", attachmentsRoutes(deps, container.attachments)); // GET /:id/attachments/:attachmentId (a download)
  api.use("/conversations", conversationNotesRoutes(deps)); // GET/POST /:id/notes: private notes (console users)
  api.use("/conversations", conversationLabelsRoutes(deps)); // PUT /:id/labels (console users)
  api.use("/conversations", conversationsRoutes(deps));    // list (?label=), one, messages, agent reply
  api.use("/canned-replies", cannedRoutes(deps));          // shared and personal canned replies, filled in for a conversation
  api.use("/labels", labelsRoutes(deps));                  // labels: read by all, defined by admins
  api.use("/kb-articles", kbArticlesRoutes(deps, { previewBot: container.bot.preview })); // the bot's answers: read by all, written by admins; POST /preview
  api.use("/intent-model", intentModelRoutes(deps));       // POST /train, GET /train/:id: retrain the intent model (admins)
  api.use("/notifications", notificationsRoutes(deps));    // the user's notifications (@mentions)
  api.use("/search", searchRoutes(deps));                  // one ranked search over conversations, messages, customers, tickets
  api.use("/tickets", ticketsRoutes(deps));                // list, one (+events), update (assign, team, snooze), transfer
  api.use("/customers", customersExportRoutes(deps));      // GET /customers/export.csv (before /customers/:id)
  api.use("/customers", notesRoutes(deps));                // a customer's notes: list, add, edit, delete
  api.use("/customers", timelineRoutes(deps));             // a customer's timeline
  api.use("/customers", mergeRoutes(deps));                // POST /:id/merge {otherId}
  api.use("/customers", suggestionsRoutes(deps));          // POST /:id/suggestions/:suggestionId/accept and /dismiss
  api.use("/customers", privacyRoutes(deps));              // GET /:id/export (GDPR), DELETE /:id (erase); admins
  api.use("/customers", customersRoutes(deps));            // list and search, add, profile, edit, bulk tags
  api.use("/attributes", attributesRoutes(deps));          // custom attribute definitions (defined by admins)
  api.use("/companies", companiesRoutes(deps));            // list and search, add, one, edit, delete
  api.use("/imports", importsRoutes(deps));                // CSV imports of customers or companies (a job with progress)
  api.use("/api-keys", apiKeysRoutes(deps));               // create, list, revoke API keys (admins)
  api.use("/inboxes", widgetLookRoutes(deps));            // GET/PUT /:id/widget-look: a web inbox's widget look (admins)
  api.use("/inboxes", businessHoursRoutes(deps));         // GET/PUT/DELETE /:id/business-hours (admins)
  api.use("/inboxes", inboxChecksRoutes(deps));           // POST /:id/verify, /:id/test-message (admins)
  api.use("/inboxes", inboxesRoutes(deps, { publicUrl: container.config.publicUrl })); // inboxes of every channel (admins)
  api.use("/products", productsRoutes(deps));            // the product catalogue: list, add, one, edit, archive
  api.use("/orders", ordersRoutes(deps));                // list, record, one, status and shipping
  api.use("/deals", dealsRoutes(deps));                  // stages, the pipeline, deals and their history
  api.use("/sales/plans", plansRoutes(deps));            // lead assignment and effort plans, sales reps (managers)
  api.use("/sales", revenueRoutes(deps));                // summary, targets, forecast (managers)
  api.use("/campaigns", campaignsRoutes(deps));          // campaigns to a segment or CRM filter: create, start, pause, results (managers)
  api.use("/reports", reportsRoutes(deps));                // top topics and its CSV export (managers and admins)
  api.use("/insights", insightsRoutes(deps, container.config.insights)); // features, segments, map, churn; refresh (managers and admins)
  api.use("/admin", backupsRoutes(deps, container.database)); // POST /admin/backup: a database snapshot (admins)
  api.use(notFound);
  api.use(errorHandler);
  app.use("/api/v1", api);
  app.use(docsRoutes());                                   // GET /api/docs: the API reference page (Redoc, served locally)

  app.use(widgetConfigRoutes(deps));                       // GET /widget/config/:inboxId: the widget's look (public)
  app.use("/channels", channelRoutes(deps, { publicUrl: container.config.publicUrl })); // POST /channels/<channel>/<inboxId>: chat channels' webhooks

  const botFramework = botFrameworkRoutes(container);      // POST /api/messages, only when MICROSOFT_APP_ID is set
  if (botFramework) app.use("/api", botFramework);

  app.use(
    staticRoutes({
      demoInboxId: async () => (await listInboxes(deps.db)).find((inbox) => inbox.channel === "web")?.id,
    }),
  );
  app.use(errorHandler);
}
