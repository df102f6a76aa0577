/**
 * A realistic customer CSV for the import benchmark (and tests): names, unique emails and phones written in a mix of
 * formats, a few hundred companies, tags separated by ";", tiers, and optional custom attribute columns. The same
 * seed gives the same file.
 */

const FIRST = ["Ava", "Noah", "Mia", "Liam", "Zoë", "Lucas", "Priya", "Jordan", "Sofia", "Mateo", "Chloé", "Omar", "Hana", "Ethan", "Léa", "Yusuf", "Ines", "Kai", "Nora", "Ravi"];
const LAST = ["Smith", "García", "Müller", "Shah", "Martin", "Kowalski", "Nguyen", "O'Brien", "Rossi", "Silva", "Dubois", "Tanaka", "Okafor", "Jensen", "Novak", "Haddad"];
const TAGS = ["newsletter", "trial", "churn-risk", "wholesale", "beta", "event-2026", "partner", "support-heavy"];
const COMPANY_WORDS = ["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Vandelay", "Stark", "Wayne", "Tyrell", "Wonka", "Soylent", "Cyberdyne"];

/** A small deterministic PRNG (mulberry32): the file is the same for a given seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function quote(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** Options of a generated file. */
export type CustomerCsvOptions = {
  seed?: number;
  /** Number of distinct companies named (default rows / 200, at least 10). */
  companies?: number;
  /** Custom attribute columns to add (define them first): a list "plan" (free|pro|enterprise) and a number "seats". */
  attributes?: boolean;
  /** Email domain of the generated customers (unique emails are `first.last.<n>@domain`). */
  domain?: string;
  /** Number of the first customer: emails and phones come from it, so files with distinct ranges share none. */
  start?: number;
};

/** The CSV text of `rows` customers with the header name,email,phone,company,tags,tier[,plan,seats]. */
export function customerCsv(rows: number, options: CustomerCsvOptions = {}): string {
  const next = random(options.seed ?? 42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
  const companyCount = options.companies ?? Math.max(10, Math.floor(rows / 200));
  const domain = options.domain ?? "example.com";
  const start = options.start ?? 0;
  const header = ["name", "email", "phone", "company", "tags", "tier", ...(options.attributes ? ["plan", "seats"] : [])];
  const lines = [header.join(",")];
  for (let i = start; i < start + rows; i++) {
    const first = pick(FIRST);
    const last = pick(LAST);
    const email = `${first}.${last}.${i}@${domain}`.toLowerCase().replace(/[^a-z0-9.@-]/g, "");
    // Unique numbers from the row number, written the ways spreadsheets hold them.
    const digits = String(4_150_000_000 + i).padStart(10, "0");
    const phone = [`+1${digits}`, `+1 (${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}`, `1-${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6)}`][i % 3];
    const companyIndex = Math.floor(next() * companyCount);
    const company = next() < 0.8 ? `${COMPANY_WORDS[companyIndex % COMPANY_WORDS.length]} ${companyIndex}` : "";
    const tags = Array.from({ length: Math.floor(next() * 3) }, () => pick(TAGS)).join(";");
    const cells = [`${first} ${last}`, email, phone, company, tags, next() < 0.1 ? "vip" : "standard"];
    if (options.attributes) cells.push(pick(["free", "pro", "enterprise"]), String(1 + Math.floor(next() * 500)));
    lines.push(cells.map(quote).join(","));
  }
  return `${lines.join("\r\n")}\r\n`;
}
