/** Reports module: aggregates for managers over messages, their annotations and conversations. */
export { topicsReport, DEFAULT_REPORT_DAYS, MAX_REPORT_DAYS } from "./reports.service.ts";
export { csvField } from "./reports.csv.ts";
export { catchUpRollups } from "./report-sql.ts";
export { REPORT_ALERTS_JOB, scanAlerts, type AlertMailer, type AlertSettings } from "./alerts.service.ts";
