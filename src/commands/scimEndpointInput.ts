import * as vscode from 'vscode';
import { UserFacingError } from '../shared/errors';
import { parseBaseAddress } from '../scimCheck/scimClient';
import type { CommandContext } from './commandRunner';
import { InputFlow } from './inputFlow';

/** A SCIM endpoint as a command takes it: the base address (the Tenant URL) and its bearer token. */
export interface ScimEndpoint {
  baseAddress: string;
  token: string;
}

/**
 * Reads `{ baseAddress, token }` from a script's argument (undefined when none was given); throws a
 * sentence naming `shape` when it is malformed.
 */
export function parseScimEndpoint(arg: unknown, shape: string): ScimEndpoint | undefined {
  if (arg === undefined) return undefined;
  const { baseAddress, token } = (arg ?? {}) as Record<string, unknown>;
  if (typeof baseAddress !== 'string' || !baseAddress.trim() || typeof token !== 'string' || !token.trim()) {
    throw new UserFacingError(vscode.l10n.t('The argument must be {0} with a base address and a token.', shape));
  }
  try {
    parseBaseAddress(baseAddress);
  } catch (error) {
    throw new UserFacingError((error as Error).message);
  }
  return { baseAddress: baseAddress.trim(), token: token.trim() };
}

function addressProblem(value: string): string | undefined {
  if (!value.trim()) return vscode.l10n.t('Type the SCIM base address, e.g. https://app.example/scim/v2');
  try {
    parseBaseAddress(value);
    return undefined;
  } catch {
    return vscode.l10n.t('The SCIM base address is an http:// or https:// URL without a user name or password.');
  }
}

/**
 * Asks for the base address, then the token (hidden as typed), in one quick input (see InputFlow);
 * undefined when the user closed a step.
 */
export async function askScimEndpoint(context: CommandContext, title: string, stoppedMessage: string): Promise<ScimEndpoint | undefined> {
  const flow = new InputFlow(context, stoppedMessage);
  try {
    const baseAddress = await flow.input({
      title: vscode.l10n.t('{0} (1/2)', title),
      prompt: vscode.l10n.t('The SCIM base address Entra would call (the Tenant URL), e.g. http://localhost:3000/scim/v2'),
      validate: addressProblem,
    });
    if (baseAddress === undefined) return undefined;
    const token = await flow.input({
      title: vscode.l10n.t('{0} (2/2)', title),
      prompt: vscode.l10n.t('The bearer token the endpoint accepts (the Secret Token)'),
      password: true,
      validate: (v) => (v.trim() ? undefined : vscode.l10n.t('A token is needed: Entra always sends one.')),
    });
    if (token === undefined) return undefined;
    return { baseAddress: baseAddress.trim(), token: token.trim() };
  } finally {
    flow.dispose();
  }
}
