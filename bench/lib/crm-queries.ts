/** What the `crm` benchmark asks for: search queries of each kind with the record each should find, and the CSV it imports. */
import { createRng, formatPhone, generateCustomers, type Rng } from "../../src/db/seed/crm-generator.ts";
import { CULTURES } from "../../src/db/seed/crm-names.ts";
import type { CrmData } from "./crm-data.ts";

/** The kinds of search the issue names. */
export const SEARCH_KINDS = ["namePrefix", "typoName", "email", "phone", "orderNumber", "company"] as const;

/** One kind of search. */
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** One query and what should be on the first page of its answer: that customer, or a customer of that company. */
export type SearchQuery = { kind: SearchKind; q: string; customerId?: string; companyName?: string };

/** One edit a hurried typist makes, never in the first letter: swap two neighbours, drop one, or double one. */
function typo(rng: Rng, word: string): string {
  if (word.length < 4) return word + word[word.length - 1];
  const at = 1 + rng.int(word.length - 2);
  const kind = rng.int(3);
  if (kind === 0) return word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
  if (kind === 1) return word.slice(0, at) + word.slice(at + 1);
  return word.slice(0, at) + word[at] + word.slice(at);
}

/**
 * The same number written another way its country writes it, keeping only ways whose digits are a run of the stored
 * number's digits (a national "0…" form cannot find a number stored with its country code, nor the reverse: no search
 * can tell which country a bare national number belongs to).
 */
function otherFormat(rng: Rng, phone: string, parts: { culture: number; national: string }): string {
  const culture = CULTURES[parts.culture];
  const digits = (text: string): string => text.replace(/[^0-9]/g, "");
  const stored = digits(phone);
  const ways = culture.formats.map((f) => formatPhone(culture, parts.national, f)).filter((w) => w !== phone && stored.includes(digits(w)));
  return ways.length ? rng.pick(ways) : stored;
}

/** `perKind` queries of each kind, drawn from the seeded records (deterministically). */
export function searchQueries(data: CrmData, perKind: number): SearchQuery[] {
  const rng = createRng(77);
  const queries: SearchQuery[] = [];
  const named = data.customers.filter((c) => c.name);
  const phoned = data.customers.filter((c) => c.phone && c.phoneParts);
  const mailed = data.customers.filter((c) => c.email);
  for (let n = 0; n < perKind; n++) {
    const a = rng.pick(named);
    const [given, family] = a.name!.split(" ");
    queries.push({ kind: "namePrefix", q: rng.chance(0.5) ? given.slice(0, 3 + rng.int(3)) : `${given} ${family.slice(0, 2 + rng.int(3))}`, customerId: a.id });
    const b = rng.pick(named);
    const [bGiven, bFamily] = b.name!.split(" ");
    queries.push({ kind: "typoName", q: rng.chance(0.5) ? `${bGiven} ${typo(rng, bFamily)}` : `${typo(rng, bGiven)} ${bFamily}`, customerId: b.id });
    const c = rng.pick(mailed);
    queries.push({ kind: "email", q: c.email!, customerId: c.id });
    const d = rng.pick(phoned);
    queries.push({ kind: "phone", q: otherFormat(rng, d.phone!, d.phoneParts!), customerId: d.id });
    const order = rng.pick(data.orders);
    queries.push({ kind: "orderNumber", q: order.number, customerId: order.customer_id });
    const company = rng.pick(data.companies);
    queries.push({ kind: "company", q: rng.chance(0.5) ? company.name : company.name.toLowerCase(), companyName: company.name });
  }
  // Interleaved, as people search: no kind enjoys a cache warmed by its own previous request.
  for (let i = queries.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [queries[i], queries[j]] = [queries[j], queries[i]];
  }
  return queries;
}

/** One CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180). */
function field(value: string | number | boolean | null | undefined): string {
  const text = value === null || value === undefined ? "" : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A customers CSV of `rows` rows (header name,email,phone,company,tags,plan,seats): four in five are new people, one
 * in five an existing customer's email (each at most once) with a new phone and tags (an update), as a real
 * re-import mixes them.
 */
export function importCsv(data: CrmData, rows: number): string {
  const rng = createRng(4242);
  const taken = new Set(data.customers.flatMap((c) => (c.email ? [c.email] : [])));
  const fresh = generateCustomers(rng, rows, data.companies, data.now, taken);
  const companyName = new Map(data.companies.map((c) => [c.id, c.name]));
  const mailed = data.customers.filter((c) => c.email);
  const lines = ["name,email,phone,company,tags,plan,seats"];
  let updates = 0;
  for (let i = 0; i < rows; i++) {
    // Each existing customer at most once (7919 is prime: the stride visits distinct records), as a file has one row per person.
    const existing = i % 5 === 4 && updates < mailed.length ? mailed[(updates++ * 7919) % mailed.length] : null;
    const base = existing ? { ...fresh[i], name: null, email: existing.email } : fresh[i];
    const email = base.email ?? `import-${i}@example.net`;
    const plan = base.attributes.plan;
    lines.push([base.name, email, base.phone, base.companyId ? companyName.get(base.companyId) : "", base.tags.join(";"), plan, base.attributes.seats].map(field).join(","));
  }
  return lines.join("\n") + "\n";
}
