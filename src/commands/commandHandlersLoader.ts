import { join } from 'node:path';
import type * as CommandHandlers from './commandHandlers';

let loaded: typeof CommandHandlers | undefined;

/**
 * The handlers are a bundle of their own (dist/commandHandlers.js), required when the first command
 * runs, so that activation pays only for registering the ids (bench/activation measures it).
 */
export function loadCommandHandlers(): typeof CommandHandlers {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (loaded ??= require(join(__dirname, 'commandHandlers.js')) as typeof CommandHandlers);
}
