// What a real tenant answers, replayed by a loopback HTTP server to our real Graph stack (Graph
// client, middleware, GraphCaller, error mapping): each body is recorded from Microsoft's docs or a
// public report, named beside it. Sign-in failures are what the credential throws before a request,
// in the texts the same sources give.
import * as assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { StaticTokenCredential } from '../../../src/auth/staticTokenCredential';
import { createProvisioningService, type ProvisioningApiError, type ProvisioningService } from '../../../src/graph';
import { unwrapGraphError } from '../../../src/graph/errors';
import { silentLogger } from '../../../src/shared/logger';
import { allDelegatedPermissions, delegatedPermissionIds, graphAccess, graphScopes } from '../../../src/shared/graphPermissions';

/** A Graph stand-in that answers every request with the next recorded response. */
class ReplayGraph {
  private readonly server: Server;
  private next: { status: number; body: unknown } = { status: 200, body: {} };

  constructor() {
    this.server = createServer((req, res) => {
      req.resume();
      res.writeHead(this.next.status, { 'content-type': 'application/json', 'request-id': 'rec-0001' });
      res.end(JSON.stringify(this.next.body));
    });
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1.0`;
  }

  answer(status: number, body: unknown): void {
    this.next = { status, body };
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** A credential that fails as a real one did: the input here, not the thing under test. */
class FailingCredential implements TokenCredential {
  constructor(private readonly error: Error) {}
  getToken(): Promise<AccessToken | null> {
    return Promise.reject(this.error);
  }
}

function failure(promise: Promise<unknown>): Promise<ProvisioningApiError> {
  return promise.then(
    () => assert.fail('expected the call to fail'),
    (error: unknown) => error as ProvisioningApiError,
  );
}

describe('errors a real tenant gives', () => {
  const graph = new ReplayGraph();
  let url: string;
  let service: ProvisioningService;
  const serviceWith = (credential: TokenCredential) => createProvisioningService({ credential, graphBaseUrl: url, scopes: ['https://graph.microsoft.com/.default'], logger: silentLogger, retry: { maxRetries: 0 } });

  before(async () => {
    url = await graph.start();
    service = serviceWith(new StaticTokenCredential('recorded'));
  });
  after(() => graph.close());

  describe('nested UnknownError documents', () => {
    it('shows the inner code when the synchronization service wraps an error document in UnknownError', async () => {
      // microsoftgraph/msgraph-metadata#347: PUT secrets with SyncNotificationSettings set to "".
      graph.answer(400, {
        error: {
          code: 'UnknownError',
          message: '{\r\n  "error":{\r\n    "code":"InvalidNotificationSettings","message":null,"target":null,"details":[\r\n      \r\n    ],"innerError":null\r\n  }\r\n}',
          innerError: { date: '2023-01-11T16:57:55', 'request-id': '8927006e-edb2-435b-a966-49559c4fd064', 'client-request-id': '8927006e-edb2-435b-a966-49559c4fd064' },
        },
      });
      const error = await failure(service.jobs.start('sp-1', 'job-1'));
      assert.equal(error.kind, 'invalidRequest');
      assert.equal(error.code, 'InvalidNotificationSettings');
      assert.match(error.message, /InvalidNotificationSettings/);
      assert.doesNotMatch(error.message, /UnknownError|\\r|"error"/, 'no JSON left in the sentence');
      assert.equal(error.requestId, '8927006e-edb2-435b-a966-49559c4fd064');
    });

    it("unwraps ASP.NET's {\"Message\"} document inside UnknownError", async () => {
      // microsoftgraph/msgraph-sdk-python#820 (PATCH on a job's schema), here answered as a 400 to see the text.
      const inner = `{"Message":"No HTTP resource was found that matches the request URI 'https://syncfabric.windowsazure.com/api/servicePrincipals('acc560a1-67df-4d8d-abd0-7cf74a1d7211')/synchronization/jobs('gsuite.b126ececd749434c915e443764450031.8f782d8a-7b79-4417-aab7-f96538801e92')/schema?api-version=2.0'."}`;
      graph.answer(400, { error: { code: 'UnknownError', message: inner, innerError: { 'request-id': 'c86232e3-3a57-458c-8c44-3f2874146620' } } });
      const error = await failure(service.jobs.pause('sp-1', 'job-1'));
      assert.equal(error.kind, 'invalidRequest');
      assert.match(error.message, /: No HTTP resource was found that matches the request URI 'https:\/\/syncfabric/);
      assert.doesNotMatch(error.message, /\{"Message"/);
    });

    it('keeps the 404 of that report a notFound, with the inner text unwrapped for the log', () => {
      // The same report as answered (404): the kind decides the sentence, the unwrapped text is kept.
      const unwrapped = unwrapGraphError({ code: 'UnknownError', message: '{"Message":"No HTTP resource was found that matches the request URI \'https://syncfabric.windowsazure.com/api/x\'."}' });
      assert.deepEqual(unwrapped, { code: 'UnknownError', message: "No HTTP resource was found that matches the request URI 'https://syncfabric.windowsazure.com/api/x'.", nested: true });
    });

    it('unwraps the flat {"code","message"} shape and leaves plain messages alone', () => {
      // The flat shape issue 18 lists beside the wrapped one; and Graph's ordinary error (learn.microsoft.com/graph/errors).
      assert.deepEqual(unwrapGraphError({ code: 'UnknownError', message: '{"code":"SchemaValidationFailed","message":"flowType \'Sometimes\' is not valid."}' }), {
        code: 'SchemaValidationFailed',
        message: "flowType 'Sometimes' is not valid.",
        nested: true,
      });
      assert.deepEqual(unwrapGraphError({ code: 'Request_BadRequest', message: 'Invalid object identifier \'x\'.' }), { code: 'Request_BadRequest', message: "Invalid object identifier 'x'.", nested: false });
      assert.deepEqual(unwrapGraphError({ code: 'BadRequest', message: '{not json' }), { code: 'BadRequest', message: '{not json', nested: false });
    });
  });

  describe('403 names the permission and the role', () => {
    // Graph's answer to a call the token or the user may not make (learn.microsoft.com/graph/resolve-auth-errors).
    const denied = { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.', innerError: { 'request-id': 'f1d7e9a8-0000-4000-8000-000000000403' } } };

    it('a provisioning write needs Synchronization.ReadWrite.All and Cloud Application Administrator', async () => {
      graph.answer(403, denied);
      const error = await failure(service.jobs.start('sp-1', 'job-1'));
      assert.equal(error.kind, 'forbidden');
      assert.equal(error.missingPermission, 'Synchronization.ReadWrite.All');
      assert.equal(error.requiredRole, 'Cloud Application Administrator');
      assert.match(error.message, /Synchronization\.ReadWrite\.All.*Cloud Application Administrator/);
    });

    it('provisioning logs need AuditLog.Read.All with Directory.Read.All and Reports Reader', async () => {
      graph.answer(403, denied);
      const error = await failure(service.logs.page({ servicePrincipalId: 'sp-1', jobId: 'job-1' }));
      assert.equal(error.missingPermission, 'AuditLog.Read.All and Directory.Read.All');
      assert.equal(error.requiredRole, 'Reports Reader');
    });

    it('an assignment needs AppRoleAssignment.ReadWrite.All and Application.Read.All', async () => {
      graph.answer(403, denied);
      const error = await failure(service.apps.assign('sp-1', 'user-1', 'role-1'));
      assert.equal(error.missingPermission, 'AppRoleAssignment.ReadWrite.All and Application.Read.All');
      assert.equal(error.requiredRole, 'Cloud Application Administrator');
    });

    it('the table asks sign-in for exactly the permissions the calls need, each with its scope id', () => {
      const fromCalls = new Set(Object.values(graphAccess).flatMap((a) => a.permissions));
      const asked = new Set(Object.values(graphScopes).flat());
      assert.deepEqual([...asked].sort(), [...fromCalls].sort());
      assert.deepEqual([...allDelegatedPermissions].sort(), [...fromCalls].sort());
      for (const name of allDelegatedPermissions) assert.match(delegatedPermissionIds[name], /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      for (const access of Object.values(graphAccess)) assert.ok(access.role.trim(), `${access.what} names a role`);
    });
  });

  describe('sign-in failures', () => {
    const cases: Array<{ source: string; error: Error; problem: string; code: string }> = [
      {
        // microsoftgraph/msgraph-sdk-python#677 (the Azure CLI client id) and microsoft/vscode#200088 (VS Code's).
        source: 'msgraph-sdk-python#677',
        error: named('AuthenticationError', "Authentication failed: AADSTS65002: Consent between first party application '04b07795-8ddb-461a-bbee-02f9e1bf7b46' and first party resource '00000003-0000-0000-c000-000000000000' must be configured via preauthorization - applications owned and operated by Microsoft must get approval from the API owner before requesting tokens for that API. Trace ID: 12a79ce6-72d0-45cf-bdcd-56b98d6c3400 Correlation ID: 55727982-91da-46eb-b961-ae813d04a01f Timestamp: 2024-04-22 12:12:14Z"),
        problem: 'firstPartyRefused',
        code: 'AADSTS65002',
      },
      {
        // Entra's error code reference (DelegationDoesNotExist), as MSAL reports it with the OAuth error first.
        source: 'reference-error-codes: AADSTS65001',
        error: named('ServerError', 'invalid_grant: AADSTS65001: The user or administrator has not consented to use the application with ID \'11111111-2222-3333-4444-555555555555\' named \'Entra Provisioning for VS Code\'. Send an interactive authorization request for this user and resource.'),
        problem: 'consentMissing',
        code: 'AADSTS65001',
      },
      {
        // reference-error-codes: UserStrongAuthClientAuthNRequired, as Azure CLI prints it.
        source: 'reference-error-codes: AADSTS50076',
        error: named('CredentialUnavailableError', "ERROR: AADSTS50076: Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '00000003-0000-0000-c000-000000000000'."),
        problem: 'mfaRequired',
        code: 'AADSTS50076',
      },
      {
        // reference-error-codes: BlockedByConditionalAccess.
        source: 'reference-error-codes: AADSTS53003',
        error: named('AuthenticationError', 'AADSTS53003: Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.'),
        problem: 'blockedByConditionalAccess',
        code: 'AADSTS53003',
      },
      {
        // reference-error-codes: UnauthorizedClient_DoesNotMatchRequest.
        source: 'reference-error-codes: AADSTS700016',
        error: named('AuthenticationError', "AADSTS700016: Application with identifier '04b07795-8ddc-4b87-8fd5-a4bbb2a1c8f8' was not found in the directory 'Contoso'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant."),
        problem: 'appNotFound',
        code: 'AADSTS700016',
      },
      {
        // reference-error-codes: InvalidTenantName.
        source: 'reference-error-codes: AADSTS90002',
        error: named('AuthenticationError', "AADSTS90002: Tenant 'contoso.onmicrosoft.con' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud."),
        problem: 'tenantNotFound',
        code: 'AADSTS90002',
      },
      {
        // reference-error-codes: UserDeclinedConsent, returned to the redirect as access_denied.
        source: 'reference-error-codes: AADSTS65004',
        error: new Error('access_denied: AADSTS65004: User declined to consent to access the app.'),
        problem: 'consentDeclined',
        code: 'AADSTS65004',
      },
      {
        // RFC 6749 §4.1.2.1: the resource owner denied the request, with no AADSTS code.
        source: 'RFC 6749 access_denied',
        error: new Error('access_denied: The user has denied access to the scope requested by the client application.'),
        problem: 'consentDeclined',
        code: 'access_denied',
      },
      {
        // RFC 8628 §3.5: the user declined the device code request.
        source: 'RFC 8628 authorization_declined',
        error: named('AuthenticationError', 'authorization_declined: the end user denied the authorization request'),
        problem: 'consentDeclined',
        code: 'authorization_declined',
      },
      {
        // VS Code's own "allow this extension to sign in?" prompt answered no (the workbench's authentication service).
        source: 'VS Code workbench',
        error: new Error('User did not consent to login.'),
        problem: 'consentDeclined',
        code: 'declined',
      },
      {
        // microsoft/vscode#193006: a custom client id without VS Code's redirect URI.
        source: 'microsoft/vscode#193006',
        error: new Error("AADSTS50011: The redirect URI 'https://vscode.dev/redirect' specified in the request does not match the redirect URIs configured for the application 'cf710c6e-dfcc-4fa8-a093-d47294e44c66'."),
        problem: 'redirectUriMismatch',
        code: 'AADSTS50011',
      },
    ];

    for (const c of cases) {
      it(`${c.code} (${c.source}) fails the call as ${c.problem}, not as a network error`, async () => {
        const error = await failure(serviceWith(new FailingCredential(c.error)).apps.organization());
        assert.equal(error.kind, 'signInFailed');
        assert.equal(error.signInProblem, c.problem);
        assert.equal(error.code, c.code);
        assert.doesNotMatch(error.message, /Trace ID/, 'trace ids stay in the log');
      });
    }

    it('a credential failure without a code is a sign-in failure with its own words', async () => {
      // @azure/identity's AzureCliCredential when az is signed out.
      const error = await failure(serviceWith(new FailingCredential(named('CredentialUnavailableError', "Please run 'az login' from a command prompt to authenticate before using this credential."))).apps.organization());
      assert.equal(error.kind, 'signInFailed');
      assert.equal(error.signInProblem, 'other');
      assert.match(error.message, /az login/);
    });
  });
});

function named(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}
