/** Labels module: coloured labels on conversations, set by hand or by intent rules. */
export { labelOnMessage, labelChip, listLabels, presentLabel } from "./labels.service.ts";
