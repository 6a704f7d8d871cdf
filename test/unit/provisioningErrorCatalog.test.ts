import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogueEntries, explainProvisioningError, GENERAL_TROUBLESHOOTING_URL, provisioningErrorCodes } from '../../src/shared/provisioningErrorCatalog';
import { swedishTexts } from '../../src/shared/provisioningErrorCatalogSv';

/**
 * Error codes the sandbox's engine can put in a provisioning event, a job's status error or
 * quarantine, or an on-demand result, read from its source: a code added there without a
 * catalogue entry fails the test below.
 */
function sandboxErrorCodes(): Set<string> {
  const dir = join(__dirname, '../../src/sandbox/engine');
  const patterns = [
    // `code: 'X'`, `errorCode: 'X'`, `SkipReason: 'X'`, `reason: 'X'` (quarantine reason)
    /\b(?:code|errorCode|SkipReason|reason)\s*:\s*'([A-Z][A-Za-z0-9]+)'/g,
    // `new ObjectFailure('X', ...)`, `new GroupFailure('X', ...)`
    /Failure\(\s*'([A-Z][A-Za-z0-9]+)'/g,
    // a default parameter `code = 'X')`, a fallback `errorCode: ... ?? 'X'`
    /\bcode\s*=\s*'([A-Z][A-Za-z0-9]+)'\s*\)/g,
    /\berrorCode:[^,}]*\?\?\s*'([A-Z][A-Za-z0-9]+)'/g,
    // exported code constants (`TOO_MANY_DELETES = 'TooManyDeletes'`) and any SCIM-family literal
    /export const [A-Z_]+ = '([A-Z][A-Za-z0-9]+)'/g,
    /'(SystemForCrossDomainIdentityManagement[A-Za-z]+)'/g,
  ];
  const codes = new Set<string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    const text = readFileSync(join(dir, file), 'utf8');
    for (const pattern of patterns) for (const m of text.matchAll(pattern)) codes.add(m[1]!);
  }
  return codes;
}

describe('provisioning error catalogue', () => {
  it('gives every entry a title, an explanation, a fix and a Microsoft Learn https link', () => {
    assert.ok(catalogueEntries.length >= 50, `only ${catalogueEntries.length} entries`);
    for (const entry of catalogueEntries) {
      const e = explainProvisioningError(entry.code);
      assert.equal(e.known, true, entry.code);
      assert.equal(e.code, entry.code);
      for (const text of [e.title, e.explanation, e.fix]) assert.ok(text.trim().length > 5, `${entry.code}: empty text`);
      assert.match(e.docs, /^https:\/\/learn\.microsoft\.com\/(entra|graph)\//, entry.code);
      assert.doesNotMatch(e.docs, /\/en-us\//, `${entry.code}: a locale in the link keeps the reader from their own language`);
    }
  });

  it('keeps codes and aliases unique', () => {
    const spellings = catalogueEntries.flatMap((e) => [e.code, ...(e.aliases ?? [])].map((s) => s.toLowerCase()));
    assert.equal(new Set(spellings).size, spellings.length);
    assert.equal(provisioningErrorCodes().length, spellings.length);
  });

  it('explains every error code the sandbox emits', () => {
    const emitted = sandboxErrorCodes();
    // The scan itself must find what we know is there, or it would pass by finding nothing.
    for (const code of ['CredentialsMissing', 'TooManyDeletes', 'EncounteredQuarantineException', 'SystemForCrossDomainIdentityManagementBadResponse', 'AmbiguousMatch', 'NotEffectivelyEntitled', 'RedundantExport', 'Unknown']) {
      assert.ok(emitted.has(code), `the scan no longer finds ${code}`);
    }
    const missing = [...emitted].filter((code) => !explainProvisioningError(code).known);
    assert.deepEqual(missing, [], 'add an entry to src/shared/provisioningErrorCatalog.ts for each');
  });

  it('says so for an unknown code, and points to the table of provisioning error codes', () => {
    const e = explainProvisioningError('  FluxCapacitorOverload ');
    assert.equal(e.known, false);
    assert.equal(e.code, 'FluxCapacitorOverload');
    assert.match(e.explanation, /FluxCapacitorOverload' is not in/);
    assert.match(e.fix, /reason/);
    assert.match(e.fix, /Microsoft Learn/);
    assert.equal(e.docs, GENERAL_TROUBLESHOOTING_URL);
    assert.match(e.docs, /^https:\/\//);
    const empty = explainProvisioningError('');
    assert.equal(empty.known, false);
    assert.equal(empty.code, '');
  });

  it('matches case-insensitively and finds the code in the text the logs wrap it in', () => {
    const cases: Array<[string, string]> = [
      ['systemforcrossdomainidentitymanagementbadresponse', 'SystemForCrossDomainIdentityManagementBadResponse'],
      ['Error code: SystemForCrossDomainIdentityManagementCredentialValidationUnavailable', 'SystemForCrossDomainIdentityManagementCredentialValidationUnavailable'],
      ['SystemForCrossDomainIdentityManagementServiceEntryAlreadyExists: HTTP 409 userName taken', 'SystemForCrossDomainIdentityManagementServiceEntryAlreadyExists'],
      // Microsoft's tables break long codes over lines ...
      ['SystemForCrossDomainIdentity ManagementMultipleEntriesInResponse', 'SystemForCrossDomainIdentityManagementMultipleEntriesInResponse'],
      // ... and print the AzureActiveDirectory prefix as "Microsoft Entra ID".
      ['Microsoft Entra ID QuotaLimitExceeded', 'AzureActiveDirectoryQuotaLimitExceeded'],
      ['SkipReason: NotEffectivelyEntitled', 'NotEffectivelyEntitled'],
      ['entryconflict', 'EntryConflict'],
      ['DuplicateTargetEntries_2', 'DuplicateTargetEntries'],
      ['HTTP 409', 'Conflict'],
      ['404', 'SystemForCrossDomainIdentityManagementBadResponse'],
    ];
    for (const [input, code] of cases) {
      const e = explainProvisioningError(input);
      assert.equal(e.known, true, input);
      assert.equal(e.code, code, input);
    }
  });

  it('does not read a short code into a longer word', () => {
    // Graph wraps synchronization errors as "UnknownError"; that is not the quarantine reason Unknown.
    assert.equal(explainProvisioningError('UnknownError').known, false);
    assert.equal(explainProvisioningError('Unknown').known, true);
  });

  it('has Swedish texts for exactly the codes of the English table', () => {
    assert.deepEqual(Object.keys(swedishTexts).sort(), catalogueEntries.map((e) => e.code).sort());
    for (const [code, texts] of Object.entries(swedishTexts)) {
      for (const text of [texts.title, texts.explanation, texts.fix]) assert.ok(text.trim().length > 5, `${code}: empty Swedish text`);
    }
  });

  it('answers in Swedish for sv locales and in English otherwise, with the same link', () => {
    const en = explainProvisioningError('TooManyDeletes', 'en');
    const sv = explainProvisioningError('TooManyDeletes', 'sv-SE');
    assert.equal(sv.title, swedishTexts.TooManyDeletes!.title);
    assert.notEqual(sv.title, en.title);
    assert.equal(sv.docs, en.docs);
    assert.equal(explainProvisioningError('TooManyDeletes', 'de').title, en.title);
    assert.match(explainProvisioningError('Nope', 'sv').explanation, /finns inte i/);
  });
});
