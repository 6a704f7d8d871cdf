import type { CommandContext } from './commandRunner';
import { resolveJobTarget } from './jobTarget';
import type { Services } from './services';

/**
 * Opens the mapping editor of a job (a tree node, `{ servicePrincipalId, jobId, connectionId?, objectMapping? }`, or a
 * job picked from the palette); reveals it when it is already open. Returns `{ key }` of the editor.
 */
export async function openMappingEditor(services: Services, context: CommandContext, arg?: unknown): Promise<{ key: string } | undefined> {
  const target = await resolveJobTarget(services, context, arg);
  if (!target) return undefined;
  // Rows of the tree name the object mapping to show.
  const objectMapping = arg && typeof arg === 'object' && typeof (arg as { objectMapping?: unknown }).objectMapping === 'string' ? (arg as { objectMapping: string }).objectMapping : undefined;
  const session = await services.mappingEditors.open(target, { signal: context.signal, objectMapping });
  return { key: session.key };
}
