/** The Reports area's Sentiment, Service and Alerts tabs, bundled as their own chunk the console loads the first time one opens. */
export { AlertsTab } from "./alerts-tab.tsx";
export { SentimentTab } from "./sentiment-tab.tsx";
export { ServiceTab } from "./service-tab.tsx";
