import { join } from 'node:path';
import type * as MappingEditorRuntime from './mappingEditorRuntime';

let loaded: typeof MappingEditorRuntime | undefined;

/**
 * The mapping editor's manager, sessions, document model and expression engine are a bundle of their
 * own (dist/mappingEditorRuntime.js), required when the editor is first used.
 */
export function loadMappingEditorRuntime(): typeof MappingEditorRuntime {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (loaded ??= require(join(__dirname, 'mappingEditorRuntime.js')) as typeof MappingEditorRuntime);
}
