import * as vscode from 'vscode';
import { UserFacingError } from '../shared/errors';
import { cloudEndpoints, customGraphHost, type CloudEndpoints, type CloudName } from './clouds';

/** The endpoints of the cloud the `entraProvisioning.cloud` settings choose; a custom one not set right is refused in the user's language. */
export function configuredCloud(): CloudEndpoints {
  const settings = vscode.workspace.getConfiguration('entraProvisioning');
  const name = settings.get<CloudName>('cloud', 'AzureCloud');
  const custom = settings.get<string>('customGraphEndpoint');
  if (name === 'Custom' && !customGraphHost(custom)) {
    throw new UserFacingError(vscode.l10n.t('Set entraProvisioning.customGraphEndpoint to an http(s) URL to use a custom Graph endpoint.'));
  }
  return cloudEndpoints(name, custom);
}
