/**
 * A deterministic generator of CRM records (companies and customers with realistic names, emails, phones, tags and
 * custom attributes): the demo data draws 200-odd from it, the `crm` benchmark 100,000. Same seed, same records.
 */
import { COMPANY_HEADS, COMPANY_TAILS, CULTURES, INDUSTRIES, PLANS, type Culture } from "./crm-names.ts";

/** A seeded pseudo-random source (mulberry32: small, fast, and good enough for test data). */
export type Rng = {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
  /** A version-4-shaped UUID from the stream (deterministic ids let rows reference each other before insertion). */
  uuid(): string;
};

/** Creates a seeded Rng. */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  const hex = (n: number): string => Array.from({ length: n }, () => int(16).toString(16)).join("");
  return {
    next,
    int,
    pick: (items) => items[int(items.length)],
    chance: (p) => next() < p,
    uuid: () => `${hex(8)}-${hex(4)}-4${hex(3)}-${(8 + int(4)).toString(16)}${hex(3)}-${hex(12)}`,
  };
}

/** A generated company. */
export type GeneratedCompany = { id: string; name: string; domain: string; attributes: { industry: string }; culture: number };

/** A generated customer; `phoneParts` lets a caller write the same number in another format (the benchmark's queries). */
export type GeneratedCustomer = {
  id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  tier: "standard" | "vip";
  companyId: string | null;
  tags: string[];
  attributes: Record<string, string | number | boolean>;
  createdAt: Date;
  phoneParts: { culture: number; national: string } | null;
};

const DAY_MS = 86_400_000;

/** Lower-case ASCII for an email's local part or a domain ("Müller" → "muller", "Wiśniewski" → "wisniewski"). */
export function asciiSlug(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/ł/g, "l")
    .replace(/Ł/g, "L")
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "");
}

/** Writes a national number in one of its culture's formats (`#` takes the next digit, `{cc}` the country code). */
export function formatPhone(culture: Culture, national: string, format: string): string {
  let at = 0;
  return format.replace("{cc}", culture.code).replace(/#/g, () => national[at++] ?? "");
}

function nationalNumber(rng: Rng, digits: number): string {
  return String(2 + rng.int(8)) + Array.from({ length: digits - 1 }, () => rng.int(10)).join("");
}

/** `count` companies with unique names and domains, each in one culture (its domain's top-level domain). */
export function generateCompanies(rng: Rng, count: number): GeneratedCompany[] {
  const companies: GeneratedCompany[] = [];
  const seen = new Set<string>();
  while (companies.length < count) {
    const base = `${rng.pick(COMPANY_HEADS)} ${rng.pick(COMPANY_TAILS)}`;
    // Past the word lists' combinations, a number keeps names (and domains) unique.
    const name = seen.has(base) ? `${base} ${companies.length}` : base;
    if (seen.has(name)) continue;
    seen.add(name);
    const culture = rng.int(CULTURES.length);
    const domain = `${asciiSlug(name.replace(/ /g, ""))}.${rng.pick(CULTURES[culture].tlds)}`;
    companies.push({ id: rng.uuid(), name, domain, attributes: { industry: rng.pick(INDUSTRIES) }, culture });
  }
  return companies;
}

function localPart(rng: Rng, given: string, family: string): string {
  const g = asciiSlug(given);
  const f = asciiSlug(family);
  const style = rng.int(5);
  if (style === 0) return `${g}.${f}`;
  if (style === 1) return `${g[0]}${f}`;
  if (style === 2) return `${g}_${f}`;
  if (style === 3) return `${g}${f[0]}${10 + rng.int(90)}`;
  return `${g}.${f}${rng.int(100)}`;
}

function customerAttributes(rng: Rng, now: Date, atCompany: boolean, newsletter: boolean): Record<string, string | number | boolean> {
  const attributes: Record<string, string | number | boolean> = {};
  if (rng.chance(0.85)) {
    const roll = rng.next();
    const plan = atCompany ? (roll < 0.3 ? PLANS[0] : roll < 0.7 ? PLANS[1] : PLANS[2]) : roll < 0.65 ? PLANS[0] : roll < 0.95 ? PLANS[1] : PLANS[2];
    attributes.plan = plan;
    if (plan !== "free") {
      attributes.seats = plan === "pro" ? 1 + rng.int(20) : 20 + rng.int(480);
      attributes.renewal_date = new Date(now.getTime() + (1 + rng.int(365)) * DAY_MS).toISOString().slice(0, 10);
    }
  }
  if (rng.chance(0.7)) attributes.newsletter = newsletter;
  return attributes;
}

/**
 * `count` customers: about 45 % at one of `companies` (email at its domain), the others on free mail; phones in the
 * formats their country writes them; tags vip/newsletter/churn-risk/wholesale/beta; custom attributes plan, seats,
 * renewal_date and newsletter. Emails are unique (within this call and against `takenEmails`).
 */
export function generateCustomers(rng: Rng, count: number, companies: readonly GeneratedCompany[], now: Date, takenEmails = new Set<string>()): GeneratedCustomer[] {
  const customers: GeneratedCustomer[] = [];
  for (let i = 0; i < count; i++) {
    const company = companies.length > 0 && rng.chance(0.45) ? rng.pick(companies) : null;
    const cultureIndex = company && rng.chance(0.7) ? company.culture : rng.int(CULTURES.length);
    const culture = CULTURES[cultureIndex];
    const given = rng.pick(culture.given);
    const family = rng.pick(culture.family);
    let email: string | null = null;
    if (company || rng.chance(0.93)) {
      const domain = company ? company.domain : rng.pick(culture.freeMail);
      let local = localPart(rng, given, family);
      while (takenEmails.has(`${local}@${domain}`)) local = `${local}${rng.int(10)}`;
      email = `${local}@${domain}`;
      takenEmails.add(email);
    }
    const national = rng.chance(0.8) ? nationalNumber(rng, culture.digits) : null;
    const tags: string[] = [];
    const vip = rng.chance(0.08);
    const newsletter = rng.chance(0.35);
    if (vip) tags.push("vip");
    if (newsletter) tags.push("newsletter");
    if (rng.chance(0.1)) tags.push("churn-risk");
    if (rng.chance(company ? 0.25 : 0.04)) tags.push("wholesale");
    if (rng.chance(0.06)) tags.push("beta");
    customers.push({
      id: rng.uuid(),
      // Some records come from a chat or a form that gave only an email.
      name: email && rng.chance(0.04) ? null : `${given} ${family}`,
      email,
      phone: national ? formatPhone(culture, national, rng.pick(culture.formats)) : null,
      tier: vip ? "vip" : "standard",
      companyId: company?.id ?? null,
      tags,
      attributes: customerAttributes(rng, now, company !== null, newsletter),
      createdAt: new Date(now.getTime() - rng.int(730 * DAY_MS)),
      phoneParts: national ? { culture: cultureIndex, national } : null,
    });
  }
  return customers;
}
