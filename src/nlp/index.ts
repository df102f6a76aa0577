/** Public entry of the NLP layer: the pipeline, and the parts other layers may call directly. */
export { createAnalyzer, ANNOTATION_VERSION, type Analyzer, type AnalyzeContext } from "./analyze.ts";
export { UNKNOWN_INTENT } from "../contracts/nlp.ts";
