import { join } from 'node:path';
import type * as GraphRuntime from './graphRuntime';

let loaded: typeof GraphRuntime | undefined;

/**
 * The Graph client, @azure/identity and the provisioning service built on them are a bundle of their
 * own (dist/graphRuntime.js), required on the first Graph call so that activating the extension does
 * not pay for them (bench/activation measures it). It carries its own copy of any module it shares
 * with the activation bundle, so nothing relies on `instanceof` across the two.
 */
export function loadGraphRuntime(): typeof GraphRuntime {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (loaded ??= require(join(__dirname, 'graphRuntime.js')) as typeof GraphRuntime);
}
