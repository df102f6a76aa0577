/** The `crm` benchmark's records, built in memory from the same generator as the demo data: companies, customers (index 0 is the heavy one) and their orders; ids follow a formula the seed's SQL can compute too. */
import { createRng, generateCompanies, generateCustomers, type GeneratedCompany, type GeneratedCustomer } from "../../src/db/seed/crm-generator.ts";

/** The id of bench customer i (the seed's SQL builds the same: prefix b0000000, i in hex). */
export function customerUuid(i: number): string {
  return `b0000000-0000-4000-8000-${i.toString(16).padStart(12, "0")}`;
}

/** The id of bench company j. */
export function companyUuid(j: number): string {
  return `c0000000-0000-4000-8000-${j.toString(16).padStart(12, "0")}`;
}

/** An order row as the seed inserts it (snake_case: a JSON record set). */
export type BenchOrder = {
  number: string;
  customer_id: string;
  status: "processing" | "shipped" | "delivered" | "cancelled";
  items: { productId: string; sku: string; name: string; quantity: number; priceCents: number }[];
  total_cents: number;
  carrier: string | null;
  tracking_number: string | null;
  created_at: string;
};

/** Everything the seed inserts from JavaScript (conversations and messages are generated in SQL). */
export type CrmData = { companies: GeneratedCompany[]; customers: GeneratedCustomer[]; orders: BenchOrder[]; now: Date };

const DAY_MS = 86_400_000;

/** Builds `customers` customers over customers/50 companies (at least 15), and about one order per customer (twelve for the heavy one). */
export function buildCrmData(options: { customers: number; now: Date; products: { id: string; sku: string; name: string; priceCents: number }[] }): CrmData {
  const rng = createRng(10_100);
  const companies = generateCompanies(rng, Math.max(15, Math.round(options.customers / 50)));
  // Renumbered before the customers are drawn, so their companyId is the formula id already.
  companies.forEach((c, j) => (c.id = companyUuid(j)));
  const customers = generateCustomers(rng, options.customers, companies, options.now, new Set(["jordan.lee@example.com", "priya.shah@example.com", "lucas.martin@example.com"]));
  customers.forEach((c, i) => (c.id = customerUuid(i)));
  // The profile and timeline target has a full record, like a long-standing customer.
  customers[0].name ??= "Morgan Heavy";
  customers[0].email ??= "morgan.heavy@gmail.com";
  const orders: BenchOrder[] = [];
  customers.forEach((customer, i) => {
    const count = i === 0 ? 12 : rng.chance(0.6) ? 1 + rng.int(3) : 0;
    for (let k = 0; k < count; k++) {
      const createdAt = new Date(options.now.getTime() - rng.int(365 * DAY_MS));
      const age = (options.now.getTime() - createdAt.getTime()) / DAY_MS;
      const status = rng.chance(0.05) ? "cancelled" : age < 2 ? "processing" : age < 10 ? "shipped" : "delivered";
      const items = Array.from({ length: 1 + rng.int(2) }, () => rng.pick(options.products)).map((p) => ({ productId: p.id, sku: p.sku, name: p.name, quantity: 1 + rng.int(2), priceCents: p.priceCents }));
      const carrier = status === "shipped" || status === "delivered" ? rng.pick(["UPS", "DHL", "FedEx"]) : null;
      orders.push({
        number: `ORD-${1_000_001 + orders.length}`,
        customer_id: customer.id,
        status,
        items,
        total_cents: items.reduce((sum, item) => sum + item.priceCents * item.quantity, 0),
        carrier,
        tracking_number: carrier ? `TRK${100_000_000 + orders.length}` : null,
        created_at: createdAt.toISOString(),
      });
    }
  });
  return { companies, customers, orders, now: options.now };
}
