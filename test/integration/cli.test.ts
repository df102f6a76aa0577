import { execFile } from "node:child_process";
import { statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));
const run = promisify(execFile);

describe("the switchboard command", () => {
  it("prints its usage for --help, even after a sub-command, and runs nothing", async () => {
    const model = `${root}nlp-models/intent-model.json`;
    const before = statSync(model).mtimeMs;
    const { stdout } = await run(process.execPath, [`${root}bin/switchboard.js`, "nlp", "train", "--help"], { cwd: root });
    expect(stdout).toContain("usage: switchboard <command>");
    expect(stdout).toContain("nlp train");
    expect(statSync(model).mtimeMs).toBe(before);
  });

  it("names its commands on stderr and exits 2 for an unknown one", async () => {
    const failure = await run(process.execPath, [`${root}bin/switchboard.js`, "frobnicate"], { cwd: root }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 2 });
    expect((failure as { stderr: string }).stderr).toContain("usage: switchboard <command>");
  });
});
