import { join } from 'node:path';
import type * as FleetRuntime from './fleetRuntime';

let loaded: typeof FleetRuntime | undefined;

/**
 * The fleet view's provider and rows are a bundle of their own (dist/fleetRuntime.js), required when
 * the view is first shown or a command first reaches it, so that activation pays only for the shell.
 */
export function loadFleetRuntime(): typeof FleetRuntime {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (loaded ??= require(join(__dirname, 'fleetRuntime.js')) as typeof FleetRuntime);
}
