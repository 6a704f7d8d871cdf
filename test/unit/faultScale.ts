/**
 * How many times more cases the fault, fuzz and property tests try: 1 in `npm test` (bounded, a few
 * seconds each), more in `npm run test:faults` (ENTRA_FAULT_SCALE, see test/runners/faults.mjs).
 */
export const faultScale = Math.max(1, Math.floor(Number(process.env.ENTRA_FAULT_SCALE) || 1));

/** `n` cases, scaled for the long fault run. */
export function cases(n: number): number {
  return n * faultScale;
}

/**
 * Figures the long fault run prints at its end (test/runners/faultFigures.ts): inputs tried beyond
 * the generated ones (writes killed mid-flight) and acknowledged writes lost. Tests add to them;
 * outside that run nobody reads them.
 */
export const faultFigures = { tried: 0, lost: 0 };
