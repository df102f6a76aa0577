/** The Reports area's Sentiment and Service tabs, bundled as their own chunk the console loads the first time one opens. */
export { SentimentTab } from "./sentiment-tab.tsx";
export { ServiceTab } from "./service-tab.tsx";
