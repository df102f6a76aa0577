#!/usr/bin/env node
// The `switchboard` command. It runs the server bundle that `npm run build` (run by `npm install`) writes to
// dist/server/, which starts about a second faster than compiling the sources; when any source is newer than the
// bundle (someone is editing), it registers tsx and runs the TypeScript sources as they are.
import { existsSync, readdirSync, statSync } from "node:fs";
import process from "node:process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bundle = path.join(root, "dist/server/switchboard.mjs");

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (/\.(ts|js)$/.test(entry.name)) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

const bundleIsFresh =
  process.env.SWITCHBOARD_FROM_SOURCES !== "1" &&
  existsSync(bundle) &&
  statSync(bundle).mtimeMs >= Math.max(newestSource(path.join(root, "src")), newestSource(path.join(root, "bots")));

if (bundleIsFresh) {
  await import(bundle);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/cli/main.ts");
}
