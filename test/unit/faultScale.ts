/**
 * How many times more cases the fault, fuzz and property tests try: 1 in `npm test` (bounded, a few
 * seconds each), more in `npm run test:faults` (ENTRA_FAULT_SCALE, see test/runners/faults.mjs).
 */
export const faultScale = Math.max(1, Math.floor(Number(process.env.ENTRA_FAULT_SCALE) || 1));

/** `n` cases, scaled for the long fault run. */
export function cases(n: number): number {
  return n * faultScale;
}
