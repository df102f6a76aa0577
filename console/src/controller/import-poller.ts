/** Follows a CSV import until it finishes: asks for its progress every second and reports each answer. */
import type { ImportDTO } from "../../../src/contracts/crm.ts";

/** How often the progress is asked for. */
export const IMPORT_POLL_MS = 1_000;

/** Whether an import has finished, well or not. */
export function importFinished(job: Pick<ImportDTO, "status">): boolean {
  return job.status === "completed" || job.status === "failed";
}

/** The share of rows done, 0..1, or null while the total is unknown. */
export function importProgress(job: Pick<ImportDTO, "status" | "processed" | "total">): number | null {
  if (job.status === "completed") return 1;
  if (!job.total || job.total <= 0) return null;
  return Math.min(1, Math.max(0, job.processed / job.total));
}

/**
 * Polls until the import is completed or failed, calling `progress` with every answer, and resolves with the last;
 * stops early (resolving null) when `signal` aborts; a failed request is retried at the next tick, `maxErrors` times in a row.
 */
export async function pollImport(
  first: ImportDTO,
  get: (id: string) => Promise<ImportDTO>,
  progress: (job: ImportDTO) => void,
  options: { signal?: AbortSignal; intervalMs?: number; wait?: (ms: number) => Promise<void>; maxErrors?: number } = {},
): Promise<ImportDTO | null> {
  const wait = options.wait ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const maxErrors = options.maxErrors ?? 5;
  let job = first;
  let errors = 0;
  progress(job);
  while (!importFinished(job)) {
    await wait(options.intervalMs ?? IMPORT_POLL_MS);
    if (options.signal?.aborted) return null;
    try {
      job = await get(job.id);
      errors = 0;
    } catch (error) {
      errors += 1;
      if (errors >= maxErrors) throw error;
      continue;
    }
    if (options.signal?.aborted) return null;
    progress(job);
  }
  return job;
}
