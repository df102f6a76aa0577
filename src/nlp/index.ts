/** Public entry of the NLP layer: the pipeline, and the parts other layers may call directly. */
export { createAnalyzer, ANNOTATION_VERSION, type Analyzer, type AnalyzeContext } from "./analyze.ts";
export { UNKNOWN_INTENT } from "../contracts/nlp.ts";
export { DEFAULT_MODEL_DIR, INTENT_EXAMPLES_DIR, classifyIntent } from "./intent/index.ts";
export { retrainInWorker, heldOutAccuracyInSlices, readHeldOut, HELD_OUT_FILE, type RetrainRequest, type RetrainResult } from "./intent/retrain.ts";
export { saveRetrainedModel, loadRetrainedModel, parseIntentModel, RETRAINED_MODEL_FILE } from "./intent/saved-model.ts";
