import { allDelegatedPermissions, delegatedPermissionIds, MICROSOFT_GRAPH_APP_ID } from './graphPermissions';

/** The shells the app registration script is written for. */
export type ScriptShell = 'azureCli' | 'powershell';

/** The display name of the app registration the script creates. */
export const APP_REGISTRATION_NAME = 'Entra Provisioning for VS Code';

/**
 * The redirect URIs VS Code's Microsoft account provider signs in with when given a client id of
 * one's own: the loopback one (MSAL), vscode.dev's (the web and older desktop flow), and, added once
 * the client id is known, the Windows broker's (microsoft/vscode#226345, #193006 and the VS Code
 * team's note in microsoft/vscode-ms-entra#17).
 */
const redirectUris = ['http://localhost', 'https://vscode.dev/redirect'];
const brokerRedirectUri = (clientId: string) => `ms-appx-web://Microsoft.AAD.BrokerPlugin/${clientId}`;

/**
 * A script that creates a single-tenant public-client app registration with exactly the delegated
 * Microsoft Graph permissions the extension asks for (shared/graphPermissions.ts), its enterprise app,
 * and tenant-wide consent, then prints the client id for `entraProvisioning.clientId`. Public client
 * flows are allowed (device code) and no credential is created: the app never holds a secret.
 */
export function appRegistrationScript(shell: ScriptShell): string {
  return shell === 'azureCli' ? azureCliScript() : powerShellScript();
}

function header(comment: string): string[] {
  return [
    `${comment} Creates the app registration "${APP_REGISTRATION_NAME}" for the Entra Provisioning extension:`,
    `${comment} a public client (VS Code sign-in and device code) with these delegated Microsoft Graph permissions,`,
    `${comment} and no secret or certificate:`,
    ...allDelegatedPermissions.map((p) => `${comment}   ${p} (${delegatedPermissionIds[p]})`),
    `${comment} Run it signed in to your tenant as at least Cloud Application Administrator (who may also grant`,
    `${comment} the tenant-wide consent at the end). Then set "entraProvisioning.clientId" to the client ID it prints.`,
  ];
}

function azureCliScript(): string {
  const access = JSON.stringify([{ resourceAppId: MICROSOFT_GRAPH_APP_ID, resourceAccess: allDelegatedPermissions.map((p) => ({ id: delegatedPermissionIds[p], type: 'Scope' })) }]);
  const uris = redirectUris.map((u) => `"${u}"`).join(' ');
  return [
    '#!/usr/bin/env bash',
    ...header('#'),
    '# Needs Azure CLI (az login --tenant <your tenant> --allow-no-subscriptions).',
    'set -euo pipefail',
    `NAME="${APP_REGISTRATION_NAME}"`,
    'CLIENT_ID=$(az ad app create \\',
    '  --display-name "$NAME" \\',
    '  --sign-in-audience AzureADMyOrg \\',
    '  --is-fallback-public-client true \\',
    `  --public-client-redirect-uris ${uris} \\`,
    `  --required-resource-accesses '${access}' \\`,
    '  --query appId --output tsv)',
    '# The Windows sign-in broker\'s redirect URI names the client id, known only now.',
    `az ad app update --id "$CLIENT_ID" --public-client-redirect-uris ${uris} "${brokerRedirectUri('$CLIENT_ID')}"`,
    'az ad sp create --id "$CLIENT_ID" --output none',
    '# Tenant-wide consent, so that users are not asked (most may not consent to these permissions).',
    '# A new app takes a moment to be seen everywhere: try a few times.',
    'for attempt in 1 2 3 4 5; do',
    '  if az ad app permission admin-consent --id "$CLIENT_ID" 2>/dev/null; then CONSENTED=yes; break; fi',
    '  sleep 10',
    'done',
    'if [ "${CONSENTED:-no}" != yes ]; then',
    '  echo "Consent was not granted: an administrator can grant it in the Microsoft Entra admin center (App registrations > $NAME > API permissions)."',
    'fi',
    'echo "Client ID: $CLIENT_ID"',
    'echo "In VS Code settings: \\"entraProvisioning.clientId\\": \\"$CLIENT_ID\\""',
    '',
  ].join('\n');
}

function powerShellScript(): string {
  const uris = redirectUris.map((u) => `'${u}'`).join(', ');
  return [
    ...header('#'),
    '# Needs Microsoft Graph PowerShell (Install-Module Microsoft.Graph.Applications, Microsoft.Graph.Identity.SignIns).',
    '$ErrorActionPreference = \'Stop\'',
    `$name = '${APP_REGISTRATION_NAME}'`,
    `$graphAppId = '${MICROSOFT_GRAPH_APP_ID}'`,
    '$permissions = [ordered]@{',
    ...allDelegatedPermissions.map((p) => `  '${p}' = '${delegatedPermissionIds[p]}'`),
    '}',
    "Connect-MgGraph -Scopes 'Application.ReadWrite.All', 'DelegatedPermissionGrant.ReadWrite.All' -NoWelcome",
    '$access = @(@{ ResourceAppId = $graphAppId; ResourceAccess = @($permissions.Values | ForEach-Object { @{ Id = $_; Type = \'Scope\' } }) })',
    `$app = New-MgApplication -DisplayName $name -SignInAudience 'AzureADMyOrg' -IsFallbackPublicClient:$true -PublicClient @{ RedirectUris = @(${uris}) } -RequiredResourceAccess $access`,
    '# The Windows sign-in broker\'s redirect URI names the client id, known only now.',
    `Update-MgApplication -ApplicationId $app.Id -PublicClient @{ RedirectUris = @(${uris}, "${brokerRedirectUri('$($app.AppId)')}") }`,
    '$sp = New-MgServicePrincipal -AppId $app.AppId',
    '# Tenant-wide consent, so that users are not asked (most may not consent to these permissions).',
    'try {',
    '  $graph = Get-MgServicePrincipal -Filter "appId eq \'$graphAppId\'"',
    "  New-MgOauth2PermissionGrant -ClientId $sp.Id -ConsentType 'AllPrincipals' -ResourceId $graph.Id -Scope ($permissions.Keys -join ' ') | Out-Null",
    '} catch {',
    '  Write-Warning "Consent was not granted: an administrator can grant it in the Microsoft Entra admin center (App registrations > $name > API permissions)."',
    '}',
    'Write-Host "Client ID: $($app.AppId)"',
    'Write-Host "In VS Code settings: `"entraProvisioning.clientId`": `"$($app.AppId)`""',
    '',
  ].join('\n');
}
