/** Where the files the server reads at run time live (models, migrations, built apps), whether it runs from the sources or from the bundle in dist/. */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

function findRepoRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "package.json")) && existsSync(path.join(dir, "nlp-models"))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`cannot find the Switchboard folder (package.json next to nlp-models/) above ${start}`);
  }
}

/** The project folder: package.json, nlp-models/, src/, widget/dist, console/dist. */
export const REPO_ROOT = findRepoRoot(path.dirname(fileURLToPath(import.meta.url)));

/** An absolute path inside the project folder. */
export function repoPath(...segments: string[]): string {
  return path.join(REPO_ROOT, ...segments);
}
