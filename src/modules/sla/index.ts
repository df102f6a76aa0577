/** SLA module: policies per priority, inboxes' business hours, and business-time arithmetic (for tickets and reports). */
export { addBusinessTime, businessTimeBetween, isOpenAt, isValidTimeZone } from "./business-time.ts";
export { businessHoursOf, changeBusinessHours, inboxBusinessHoursMap, inboxBusinessTime, presentBusinessHours } from "./business-hours.service.ts";
export { changeSlaPolicy, createSlaPolicy, listSlaPolicies, presentSlaPolicy, removeSlaPolicy } from "./sla-policies.service.ts";
export { slaPolicyForPriority, type SlaPolicyRow } from "./sla.repo.ts";
