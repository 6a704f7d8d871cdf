import { join } from 'node:path';
import type * as MappingEditorRuntime from './mappingEditorRuntime';

let loaded: typeof MappingEditorRuntime | undefined;

/**
 * The editor sessions, the document model and the expression engine are a bundle of their own
 * (dist/mappingEditorRuntime.js), required when the first mapping editor opens.
 */
export function loadMappingEditorRuntime(): typeof MappingEditorRuntime {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (loaded ??= require(join(__dirname, 'mappingEditorRuntime.js')) as typeof MappingEditorRuntime);
}
