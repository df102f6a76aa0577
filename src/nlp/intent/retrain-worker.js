// The intent model's retraining thread: trains on the examples it is given and scores the model on the held-out set,
// so the server's event loop keeps serving meanwhile. Plain JavaScript (as pglite-worker.js): it registers tsx to load
// the TypeScript training code, which the server bundle does not contain.
import { parentPort, workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
const { retrainHere } = await import("./retrain.ts");
try {
  const result = await retrainHere(workerData, (progress) => parentPort.postMessage({ progress }));
  parentPort.postMessage({ result });
} catch (error) {
  parentPort.postMessage({ error: error instanceof Error ? error.message : String(error) });
}
