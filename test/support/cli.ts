/** Runs the real `switchboard` command (bin/switchboard.js) in a child process, as an operator would. */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
const bin = `${root}bin/switchboard.js`;

/** What a finished command printed and its exit code. */
export type CliResult = { code: number; stdout: string; stderr: string };

/** Runs `switchboard <args>` with extra environment variables (blank ones count as unset) and resolves when it exits. */
export function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd: root, env: { ...process.env, ...env }, maxBuffer: 8 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** A `switchboard start` process: its URL once it serves, what it printed, and stop(). */
export type StartedServer = { url: string; stdout(): string; stop(): Promise<void> };

/** Runs `switchboard start <args>` on a free port and resolves once it prints that it is running. */
export async function startCli(args: string[], env: NodeJS.ProcessEnv, timeoutMs = 400_000): Promise<StartedServer> {
  const child: ChildProcess = spawn(process.execPath, [bin, "start", ...args], {
    cwd: root,
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", PUBLIC_URL: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`switchboard start did not come up within ${timeoutMs} ms:\n${stdout}\n${stderr}`)), timeoutMs);
    const check = (): void => {
      const match = /Switchboard is running at (http:\/\/\S+)/.exec(stdout);
      if (!match) return;
      clearTimeout(timer);
      resolve(match[1].replace("localhost", "127.0.0.1"));
    };
    child.stdout?.on("data", check);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`switchboard start exited (${code}):\n${stdout}\n${stderr}`));
    });
  });
  return {
    url,
    stdout: () => stdout,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
