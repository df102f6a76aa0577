/** Minimal command-line flag parsing shared by the CLI commands. */

/** Parsed flags: `--name value` becomes { name: "value" }, a bare `--json` becomes { json: true }. */
export type Flags = Record<string, string | boolean>;

/** Splits argv into positional words and `--flag [value]` pairs (kebab-case names kept as written). */
export function parseArgs(argv: string[]): { positional: string[]; flags: Flags } {
  const positional: string[] = [];
  const flags: Flags = {};
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i];
    if (!word.startsWith("--")) {
      positional.push(word);
      continue;
    }
    const eq = word.indexOf("=");
    if (eq > 0) {
      flags[word.slice(2, eq)] = word.slice(eq + 1);
      continue;
    }
    const next = argv[i + 1];
    if (next !== undefined && !next.startsWith("--")) {
      flags[word.slice(2)] = next;
      i++;
    } else {
      flags[word.slice(2)] = true;
    }
  }
  return { positional, flags };
}

/** Returns a string flag or throws a clear error naming it. */
export function requireFlag(flags: Flags, name: string): string {
  const value = flags[name];
  if (typeof value !== "string" || value === "") throw new Error(`missing --${name} <value>`);
  return value;
}

/** Returns a string flag when given. */
export function optionalFlag(flags: Flags, name: string): string | undefined {
  const value = flags[name];
  return typeof value === "string" ? value : undefined;
}
