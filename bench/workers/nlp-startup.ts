/** Child of the nlp benchmark: measures importing src/nlp and loading its models in a fresh process; reports over IPC so stdout stays clean. */
const started = performance.now();
const { createAnalyzer } = await import("../../src/nlp/index.ts");
const imported = performance.now();
const analyzer = await createAnalyzer();
const loaded = performance.now();
analyzer.analyze("hello, where is my order?");
const firstCall = performance.now();
process.send?.({
  type: "result",
  importMs: imported - started,
  loadMs: loaded - imported,
  startupMs: loaded - started,
  firstAnalyzeMs: firstCall - loaded,
  processUptimeMs: process.uptime() * 1000,
});
process.disconnect?.();
