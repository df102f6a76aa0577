/** Seeded pseudo-random numbers for the analytics, so every fold, sample and restart is reproducible. */

/** Returns a generator of uniform numbers in [0, 1) from a 32-bit seed (mulberry32). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Shuffles an array in place (Fisher–Yates) with the given generator and returns it. */
export function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

/** Picks up to `size` row indices keeping each class's share (a seeded stratified sample), in ascending order. */
export function stratifiedSample(labels: number[], size: number, seed: number): number[] {
  if (size >= labels.length) return labels.map((_, i) => i);
  const random = seededRandom(seed);
  const byClass = new Map<number, number[]>();
  labels.forEach((label, i) => {
    const rows = byClass.get(label);
    if (rows) rows.push(i);
    else byClass.set(label, [i]);
  });
  const picked: number[] = [];
  for (const rows of byClass.values()) {
    const take = Math.max(1, Math.round((rows.length / labels.length) * size));
    picked.push(...shuffle(rows, random).slice(0, take));
  }
  return picked.sort((a, b) => a - b);
}

/** Picks up to `size` row indices uniformly at random, in ascending order. */
export function randomSample(count: number, size: number, seed: number): number[] {
  const all = Array.from({ length: count }, (_, i) => i);
  if (size >= count) return all;
  return shuffle(all, seededRandom(seed))
    .slice(0, size)
    .sort((a, b) => a - b);
}
