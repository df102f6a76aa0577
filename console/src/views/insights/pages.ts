/** The Insights page, bundled as its own chunk the console loads the first time it opens. */
export { InsightsView } from "./insights-view.tsx";
