/** REST: the sentiment and service reports and the drill-down, as JSON or CSV (`Accept: text/csv` or the `.csv` path). */
import type { Request, Response, Router } from "express";
import { currentActor } from "../../http/middlewares/auth.ts";
import { parseInput } from "../../http/middlewares/validate.ts";
import { decodeCursor, splitPage, timeIdCursor } from "../../http/pagination.ts";
import type { ServiceDeps } from "../deps.ts";
import { assertCan } from "../policy/index.ts";
import { presentDrillRow, reportMessages } from "./drill.service.ts";
import { csatQuery, drillQuery, sentimentQuery, serviceQuery } from "./reports.schemas.ts";
import { sentimentReport } from "./sentiment.service.ts";
import { serviceReport } from "./service.service.ts";
import { csatCsv, MESSAGE_HEADER, messageCsvLine, sentimentCsv, serviceCsv } from "./trend-csv.ts";
import { csatReport } from "./csat.service.ts";

// Rows the CSV drill-down reads per query while it streams every message behind a point.
const CSV_PAGE = 1000;

/** Whether the caller asked for CSV: the `.csv` path, or an Accept header preferring text/csv to JSON. */
function wantsCsv(req: Request): boolean {
  return req.path.endsWith(".csv") || req.accepts(["application/json", "text/csv"]) === "text/csv";
}

/** Starts a CSV download (after the export permission check). */
function startCsv(req: Request, res: Response, name: string): void {
  assertCan(currentActor(req), "report.export");
  res.type("text/csv; charset=utf-8");
  res.attachment(`${name}.csv`);
}

/** Writes lines, waiting for the socket to drain when its buffer is full. */
async function writeLines(res: Response, lines: Iterable<string>): Promise<void> {
  for (const line of lines) {
    if (!res.write(line)) await new Promise((resolve) => res.once("drain", resolve));
  }
}

/** Adds GET /sentiment, /service, /csat and /messages (each also as .csv) to the reports router (whose caller checked report.read). */
export function trendRoutes(router: Router, deps: ServiceDeps): void {
  router.get(["/sentiment", "/sentiment.csv"], async (req, res) => {
    const query = parseInput(sentimentQuery, req.query);
    const csv = wantsCsv(req);
    if (csv) assertCan(currentActor(req), "report.export");
    const report = await sentimentReport(deps, query);
    if (!csv) return void res.json({ data: report });
    startCsv(req, res, `sentiment-${query.groupBy}-${report.from.slice(0, 10)}-${report.to.slice(0, 10)}`);
    await writeLines(res, sentimentCsv(report));
    res.end();
  });
  router.get(["/service", "/service.csv"], async (req, res) => {
    const query = parseInput(serviceQuery, req.query);
    const csv = wantsCsv(req);
    if (csv) assertCan(currentActor(req), "report.export");
    const report = await serviceReport(deps, query);
    if (!csv) return void res.json({ data: report });
    startCsv(req, res, `service-${query.groupBy}-${report.from.slice(0, 10)}-${report.to.slice(0, 10)}`);
    await writeLines(res, serviceCsv(report));
    res.end();
  });
  router.get(["/csat", "/csat.csv"], async (req, res) => {
    const query = parseInput(csatQuery, req.query);
    const csv = wantsCsv(req);
    if (csv) assertCan(currentActor(req), "report.export");
    const report = await csatReport(deps, query);
    if (!csv) return void res.json({ data: report });
    startCsv(req, res, `csat-${query.groupBy}-${report.from.slice(0, 10)}-${report.to.slice(0, 10)}`);
    await writeLines(res, csatCsv(report));
    res.end();
  });
  router.get(["/messages", "/messages.csv"], async (req, res) => {
    const { cursor: rawCursor, limit, ...query } = parseInput(drillQuery, req.query);
    let cursor = decodeCursor(rawCursor, timeIdCursor);
    if (!wantsCsv(req)) {
      const rows = await reportMessages(deps, query, cursor, limit + 1);
      const { page, nextCursor } = splitPage(rows, limit, (last) => ({ at: last.at, id: last.id }));
      return void res.json({ data: page.map(presentDrillRow), nextCursor });
    }
    assertCan(currentActor(req), "report.export");
    // The first page is read before the headers go out, so a bad query still answers 400.
    let rows = await reportMessages(deps, query, cursor, CSV_PAGE);
    startCsv(req, res, "report-messages");
    res.write(MESSAGE_HEADER);
    while (rows.length > 0) {
      await writeLines(res, rows.map((r) => messageCsvLine(presentDrillRow(r))));
      if (rows.length < CSV_PAGE) break;
      const last = rows[rows.length - 1];
      cursor = { at: last.at, id: last.id };
      rows = await reportMessages(deps, query, cursor, CSV_PAGE);
    }
    res.end();
  });
}
