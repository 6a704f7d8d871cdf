import { randomUUID } from 'node:crypto';

/** A deterministic pseudo-random source, so `--seed` reproduces the same demo tenant. */
export interface Random {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Integer in [0, max). */
  int(max: number): number;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** A GUID-shaped string derived from the stream. */
  guid(): string;
  /** `n` lowercase hex characters. */
  hex(n: number): string;
}

/** Creates a seeded generator (mulberry32: tiny, fast, good enough for fake data). */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const hex = (n: number): string => {
    let out = '';
    for (let i = 0; i < n; i++) out += Math.floor(next() * 16).toString(16);
    return out;
  };
  return {
    next,
    int: (max) => Math.floor(next() * max),
    pick: (items) => items[Math.floor(next() * items.length)],
    hex,
    guid: () => {
      const h = hex(32);
      // Version 4 / variant bits keep ids valid GUIDs for clients that check. Flattened (see
      // newGuid): a seeded tenant of 100,000 users keeps one per user.
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`.toLowerCase();
    },
  };
}

/**
 * A fresh random GUID for objects created at runtime (not part of the seeded data), as one flat
 * string. Node joins `randomUUID()`'s text from 2-character pieces, so until something flattens it
 * the GUID is a tree of about 20 string nodes, some 480 bytes of heap instead of 56; a 100,000-user
 * cycle keeps three per user (two in its log entry, one in the SCIM app). Lower-casing, a no-op on
 * hex digits, hands back the flat text.
 */
export function newGuid(): string {
  return randomUUID().toLowerCase();
}

/** 32 random hex characters, the suffix Graph puts on job ids. */
export function newHex32(): string {
  return randomUUID().replace(/-/g, '');
}
