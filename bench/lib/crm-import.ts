/** Times a CSV import over HTTP: from the upload to the job's "completed", polling the import's progress. */
import type { ImportDTO } from "../../src/contracts/crm.ts";

/** What one timed import gives. */
export type TimedImport = { seconds: number; uploadSeconds: number; result: ImportDTO };

/** Uploads `csv` as text/csv with the session cookie (or `Authorization` header), then polls until the import ends. */
export async function timeImport(baseUrl: string, auth: { cookie?: string; authorization?: string }, csv: string, pollMs = 250): Promise<TimedImport> {
  const headers: Record<string, string> = { "content-type": "text/csv" };
  if (auth.cookie) headers.cookie = auth.cookie;
  if (auth.authorization) headers.authorization = auth.authorization;
  const started = performance.now();
  const res = await fetch(`${baseUrl}/api/v1/imports?kind=customers&filename=bench.csv`, { method: "POST", headers, body: csv });
  const body = (await res.json()) as { data: ImportDTO };
  if (res.status !== 202) throw new Error(`import refused: ${res.status} ${JSON.stringify(body)}`);
  const uploadSeconds = (performance.now() - started) / 1000;
  for (;;) {
    const poll = await fetch(`${baseUrl}/api/v1/imports/${body.data.id}`, { headers });
    const { data } = (await poll.json()) as { data: ImportDTO };
    if (data.status === "completed" || data.status === "failed") return { seconds: (performance.now() - started) / 1000, uploadSeconds, result: data };
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
