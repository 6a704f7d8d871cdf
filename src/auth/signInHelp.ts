import * as vscode from 'vscode';
import { CommandId } from '../shared/commandIds';
import type { FollowUpAction } from '../shared/errors';
import { classifySignInError, type SignInProblem } from '../shared/signInErrors';

/**
 * The sign-in problem of an error, when it is one: recognised by the Graph layer (a ProvisioningApiError
 * of kind `signInFailed`, duck-typed: it comes from the Graph runtime bundle) or from the credential's
 * own error.
 */
export function signInFailureOf(error: unknown): { problem: SignInProblem; code?: string; detail: string } | undefined {
  if (!(error instanceof Error)) return undefined;
  const failure = error as Error & { kind?: unknown; signInProblem?: SignInProblem; code?: string; cause?: unknown };
  if (error.name === 'ProvisioningApiError') {
    if (failure.kind !== 'signInFailed' || !failure.signInProblem) return undefined;
    return { problem: failure.signInProblem, code: failure.code, detail: classifySignInError(failure.cause)?.detail ?? '' };
  }
  if (credentialErrorNames.has(error.name) || /AADSTS\d{5,7}/.test(error.message)) return classifySignInError(error);
  return undefined;
}

/** Errors of @azure/identity whose messages are written for the person signing in. */
const credentialErrorNames = new Set(['CredentialUnavailableError', 'AuthenticationRequiredError', 'AuthenticationError']);

/**
 * A refused or failed sign-in in plain words, with the action that fixes it. Meanings from Microsoft
 * Entra's error code reference (learn.microsoft.com/entra/identity-platform/reference-error-codes);
 * AADSTS65002 for VS Code's own client id and Graph is microsoft/vscode#200088; the redirect URIs a
 * custom client id needs are from microsoft/vscode#193006 and #226345.
 */
export function signInHelp(problem: SignInProblem, code: string | undefined, detail: string): { message: string; actions: FollowUpAction[] } {
  const signIn: FollowUpAction = { title: vscode.l10n.t('Sign In'), command: CommandId.signIn };
  const script: FollowUpAction = { title: vscode.l10n.t('Copy App Registration Script'), command: CommandId.copyAppRegistrationScript };
  const tag = code ? ` (${code})` : '';
  switch (problem) {
    case 'consentMissing':
      return {
        message: vscode.l10n.t('Nobody has consented to the Microsoft Graph permissions this extension needs{0}. An administrator (at least Cloud Application Administrator) can grant consent for the tenant, or register an app of your own and grant consent to it.', tag),
        actions: [script, signIn],
      };
    case 'firstPartyRefused':
      return {
        message: vscode.l10n.t("Your tenant does not let VS Code's own sign-in app ask for the Microsoft Graph admin permissions this extension needs{0}. Sign in with an app registration of your own: copy the script that creates one, run it, and set entraProvisioning.clientId to the client ID it prints.", tag),
        actions: [script],
      };
    case 'mfaRequired':
      return {
        message: vscode.l10n.t('Your organization requires multifactor authentication for this sign-in{0}. Sign in again and complete the second step (with Azure CLI, run az login again).', tag),
        actions: [signIn],
      };
    case 'blockedByConditionalAccess':
      return {
        message: vscode.l10n.t("A Conditional Access policy of your organization blocked this sign-in{0}. Ask an administrator which policy applied (the sign-in log names it), and sign in from a device, network or app it allows.", tag),
        actions: [],
      };
    case 'appNotFound':
      return {
        message: vscode.l10n.t('The application (client) ID used to sign in does not exist in this tenant{0}. Check entraProvisioning.clientId and the tenant you signed in to, or create an app registration with the script.', tag),
        actions: [script],
      };
    case 'tenantNotFound':
      return {
        message: vscode.l10n.t('No tenant by that ID or domain was found{0}. Check what you typed, and the entraProvisioning.cloud setting: a tenant of another cloud is not found here.', tag),
        actions: [signIn],
      };
    case 'consentDeclined':
      return {
        message: vscode.l10n.t('The sign-in was refused: consent to the requested permissions was declined{0}. Sign in again and accept, or ask an administrator to grant consent for the tenant.', tag),
        actions: [signIn],
      };
    case 'redirectUriMismatch':
      return {
        message: vscode.l10n.t('Your app registration lacks the redirect URIs VS Code signs in with{0}. Add http://localhost and https://vscode.dev/redirect as public client redirect URIs, or create the app registration with the script.', tag),
        actions: [script],
      };
    case 'singleTenantApp':
      return {
        message: vscode.l10n.t('Your app registration accepts only its own tenant{0}: sign in again and type the tenant ID or domain.', tag),
        actions: [signIn],
      };
    case 'other':
      return { message: vscode.l10n.t('Sign-in failed: {0}', detail || code || '?'), actions: [signIn] };
  }
}
