import { join } from 'node:path';
import type * as LogsWorkbenchRuntime from './logsWorkbenchRuntime';

let loaded: typeof LogsWorkbenchRuntime | undefined;

/** The logs workbench is a bundle of its own (dist/logsWorkbenchRuntime.js), required when it is first used. */
export function loadLogsWorkbenchRuntime(): typeof LogsWorkbenchRuntime {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (loaded ??= require(join(__dirname, 'logsWorkbenchRuntime.js')) as typeof LogsWorkbenchRuntime);
}
