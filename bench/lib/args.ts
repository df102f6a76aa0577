/** Command-line options shared by every benchmark: `--json`, `--n 2` (or `--n 1,50`), `--seconds 2`, and free `--key value` pairs. */

/** Parsed options: flags are true, other values strings. */
export type BenchArgs = {
  json: boolean;
  raw: Record<string, string | true>;
  /** A number option, or the fallback when absent. */
  num(name: string, fallback: number): number;
  /** A comma-separated list of numbers, or the fallback when absent. */
  nums(name: string, fallback: number[]): number[];
  /** A string option, or the fallback when absent. */
  str(name: string, fallback: string): string;
  /** True when the flag is present (and not "false"). */
  flag(name: string): boolean;
};

/** Parses argv (without the node and script entries). */
export function parseArgs(argv: string[]): { positional: string[]; args: BenchArgs } {
  const raw: Record<string, string | true> = {};
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    if (!token.startsWith("--")) {
      positional.push(token);
      continue;
    }
    const body = token.slice(2);
    const eq = body.indexOf("=");
    if (eq >= 0) {
      raw[body.slice(0, eq)] = body.slice(eq + 1);
    } else if (i + 1 < argv.length && !argv[i + 1].startsWith("--")) {
      raw[body] = argv[++i];
    } else {
      raw[body] = true;
    }
  }
  const value = (name: string): string | undefined => (typeof raw[name] === "string" ? (raw[name] as string) : undefined);
  const toNumber = (name: string, text: string): number => {
    const n = Number(text);
    if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a non-negative number, got "${text}"`);
    return n;
  };
  const args: BenchArgs = {
    json: raw.json === true || raw.json === "true",
    raw,
    num: (name, fallback) => (value(name) === undefined ? fallback : toNumber(name, value(name)!)),
    nums: (name, fallback) => (value(name) === undefined ? fallback : value(name)!.split(",").map((part) => toNumber(name, part.trim()))),
    str: (name, fallback) => value(name) ?? fallback,
    flag: (name) => raw[name] === true || (typeof raw[name] === "string" && raw[name] !== "false"),
  };
  return { positional, args };
}
