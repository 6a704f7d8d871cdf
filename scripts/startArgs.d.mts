/** The usage text of `npm start`. */
export const startUsage: string;
/** Reads `npm start`'s arguments (see startArgs.mjs); throws with the usage on anything unknown. */
export function parseStartArgs(argv: readonly string[]): { locale?: string; help: boolean };
