/** Products from the caller's catalogue, matched by name, SKU or a distinctive word of the name; value is the product id. */
import { foldName, gazetteers } from "./gazetteer.ts";
import { candidate, type Candidate } from "./types.ts";
import type { EntityContext } from "./types.ts";

type Catalogue = NonNullable<EntityContext["products"]>;
type Entry = { id: string; alias: boolean };
/** A word trie of catalogue names: each node may end a name. */
type ProductIndex = { next: Map<string, ProductIndex>; entry?: Entry };

const byArray = new WeakMap<Catalogue, ProductIndex>();
const bySignature = new Map<string, ProductIndex>();
const WORD_RE = /[\p{L}\p{N}]+/gu;
// Words that name a kind of thing or a variant, not one product.
const GENERIC = new Set(["classic", "smart", "machine", "card", "gift", "plus", "ultra", "mini", "max", "edition", "series", "model", "original", "premium", "deluxe", "standard", "basic", "pro", "lite", "case", "cover", "cable", "charger", "bundle", "pack", "detect", "vision", "trail", "mesh", "yoga", "barista", "power", "black", "white"]);

const words = (s: string) => Array.from(s.matchAll(WORD_RE), (m) => foldName(m[0]));

/** Shorter names a customer uses for one product: a distinctive first/last word ("hoodie") or the name without its model code ("mesh router"). */
function aliasesOf(name: string): string[][] {
  const tokens = name.trim().split(/\s+/);
  if (tokens.length < 2) return [];
  const common = gazetteers().common;
  const alpha = tokens.filter((w) => /^\p{L}{5,}$/u.test(w)).map(foldName);
  const out = [alpha[0], alpha[alpha.length - 1]].filter((w): w is string => !!w && !GENERIC.has(w) && !common.has(w)).map((w) => [w]);
  const stem = tokens.slice(0, -1).join(" ");
  const stemWords = words(stem);
  const coded = /\d/.test(tokens[tokens.length - 1]) || /^[A-Z0-9]{1,4}$/.test(tokens[tokens.length - 1]);
  if (coded && (stemWords.length > 1 || (stemWords[0]?.length >= 5 && !GENERIC.has(stemWords[0]) && !common.has(stemWords[0])))) out.push(stemWords);
  return out;
}

function build(products: Catalogue): ProductIndex {
  const index: ProductIndex = { next: new Map() };
  const add = (tokens: string[], id: string, alias: boolean) => {
    if (!tokens.length) return;
    let node = index;
    for (const w of tokens) {
      let child = node.next.get(w);
      if (!child) {
        child = { next: new Map() };
        node.next.set(w, child);
      }
      node = child;
    }
    node.entry ??= { id, alias };
  };
  for (const p of products) {
    for (const name of [p.name, p.sku]) if (name && name.trim().length >= 2) add(words(name), p.id, false);
  }
  // An alias shared by two products ("Galaxy" for two phones) identifies neither.
  const owners = new Map<string, Set<string>>();
  const aliasTokens = new Map<string, string[]>();
  for (const p of products) {
    for (const a of aliasesOf(p.name)) {
      const k = a.join(" ");
      owners.set(k, (owners.get(k) ?? new Set()).add(p.id));
      aliasTokens.set(k, a);
    }
  }
  for (const [k, ids] of owners) if (ids.size === 1) add(aliasTokens.get(k) as string[], [...ids][0], true);
  return index;
}

function indexFor(products: Catalogue): ProductIndex {
  const hit = byArray.get(products);
  if (hit) return hit;
  // Callers that rebuild the array per message still reuse the index when the catalogue is unchanged.
  const signature = products.map((p) => `${p.id}\u0001${p.name}\u0001${p.sku ?? ""}`).join("\u0002");
  let index = bySignature.get(signature);
  if (!index) {
    index = build(products);
    if (bySignature.size >= 4) bySignature.delete(bySignature.keys().next().value as string);
    bySignature.set(signature, index);
  }
  byArray.set(products, index);
  return index;
}

/** Finds mentions of catalogue products (names, SKUs, distinctive name words), ignoring case, spacing and hyphens. */
export function findProducts(text: string, products: Catalogue | undefined): Candidate[] {
  if (!products?.length) return [];
  const index = indexFor(products);
  const toks = Array.from(text.matchAll(WORD_RE), (m) => ({ w: foldName(m[0]), start: m.index, end: m.index + m[0].length }));
  const out: Candidate[] = [];
  for (let i = 0; i < toks.length; i++) {
    let node: ProductIndex | undefined = index;
    let best: { entry: Entry; k: number } | null = null;
    for (let k = i; k < toks.length && node; k++) {
      // Words of one name are separated by nothing, spaces or hyphens only.
      if (k > i && !/^[\s-]*$/.test(text.slice(toks[k - 1].end, toks[k].start))) break;
      const w = toks[k].w;
      // The last word may be plural ("yoga mats").
      const singular = node.next.get(w.replace(/e?s$/, "")) ?? node.next.get(w.replace(/s$/, ""));
      if (singular?.entry && !node.next.get(w)?.entry) best = { entry: singular.entry, k };
      node = node.next.get(w);
      if (node?.entry) best = { entry: node.entry, k };
    }
    if (!best) continue;
    const start = toks[i].start;
    out.push(candidate("product", start, toks[best.k].end, best.entry.id, best.entry.alias ? 90 : 95));
    i = best.k;
  }
  return out;
}
