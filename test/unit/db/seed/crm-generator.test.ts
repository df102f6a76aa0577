import { describe, expect, it } from "vitest";
import { asciiSlug, createRng, formatPhone, generateCompanies, generateCustomers } from "../../../../src/db/seed/crm-generator.ts";
import { CULTURES } from "../../../../src/db/seed/crm-names.ts";

const now = new Date("2026-12-07T08:00:00Z");

describe("the CRM data generator (demo data and the crm benchmark)", () => {
  it("produces the same records from the same seed", () => {
    const make = () => {
      const rng = createRng(42);
      const companies = generateCompanies(rng, 10);
      return { companies, customers: generateCustomers(rng, 50, companies, now) };
    };
    expect(make()).toEqual(make());
  });

  it("every phone format of every country writes exactly the country's number of digits", () => {
    for (const culture of CULTURES) {
      for (const format of culture.formats) expect((format.match(/#/g) ?? []).length, `${culture.country} ${format}`).toBe(culture.digits);
    }
  });

  it("writes one number in two formats with the same digits after the country code", () => {
    const gb = CULTURES.find((c) => c.country === "GB")!;
    expect(formatPhone(gb, "2079460958", "+{cc} ## #### ####")).toBe("+44 20 7946 0958");
    expect(formatPhone(gb, "2079460958", "+{cc}##########")).toBe("+442079460958");
  });

  it("gives unique emails (company domains and free mail), unique company domains, ids that are UUIDs, and varied names and countries", () => {
    const rng = createRng(7);
    const companies = generateCompanies(rng, 300);
    expect(new Set(companies.map((c) => c.domain)).size).toBe(300);
    const customers = generateCustomers(rng, 5000, companies, now, new Set(["jordan.lee@example.com"]));
    const emails = customers.flatMap((c) => (c.email ? [c.email] : []));
    expect(new Set(emails).size).toBe(emails.length);
    for (const c of customers) expect(c.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const domains = new Set(companies.map((c) => c.domain));
    const atCompany = customers.filter((c) => c.companyId);
    expect(atCompany.length).toBeGreaterThan(1500);
    for (const c of atCompany.filter((c) => c.email)) expect(domains.has(c.email!.split("@")[1])).toBe(true);
    expect(new Set(customers.flatMap((c) => (c.phoneParts ? [c.phoneParts.culture] : []))).size).toBe(CULTURES.length);
    expect(new Set(customers.map((c) => c.name)).size).toBeGreaterThan(1000);
    for (const tag of ["vip", "newsletter", "churn-risk", "wholesale", "beta"]) expect(customers.some((c) => c.tags.includes(tag)), tag).toBe(true);
    expect(customers.filter((c) => c.tier === "vip").every((c) => c.tags.includes("vip"))).toBe(true);
  });

  it("folds names to ASCII for email addresses", () => {
    expect(asciiSlug("Müller")).toBe("muller");
    expect(asciiSlug("Wiśniewski")).toBe("wisniewski");
    expect(asciiSlug("Michał")).toBe("michal");
    expect(asciiSlug("Al-Mansouri")).toBe("al-mansouri");
  });
});
