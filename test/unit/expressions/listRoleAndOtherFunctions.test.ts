import * as assert from 'node:assert/strict';
import { assertExpressionError, ev, seededRandom } from './helpers';

describe('multi-valued functions', () => {
  const proxies = { proxyAddresses: ['SMTP:john@contoso.com', 'smtp:jd@contoso.com', 'SMTP:john@contoso.com'] };

  describe('Count', () => {
    it('counts values; a single value is 1 and null is 0', () => {
      assert.equal(ev('Count([proxyAddresses])', proxies), '3');
      assert.equal(ev('Count([mail])', { mail: 'a' }), '1');
      assert.equal(ev('Count([mail])'), '0');
    });
  });

  describe('Item', () => {
    it('returns the value at a 1-based index (documented)', () => {
      assert.equal(ev('Item([proxyAddresses], 1)', proxies), 'SMTP:john@contoso.com');
      assert.equal(ev('Item([proxyAddresses], 2)', proxies), 'smtp:jd@contoso.com');
      assert.equal(ev('Item([mail], 1)', { mail: 'a' }), 'a');
      assert.equal(ev('Item([missing], 1)'), null);
    });
    it('rejects index 0 and indexes past the end', () => {
      assertExpressionError(() => ev('Item([proxyAddresses], 0)', proxies), /index 0 is outside 1…3/, 0);
      assertExpressionError(() => ev('Item([proxyAddresses], 4)', proxies), /index 4 is outside 1…3/);
    });
  });

  describe('RemoveDuplicates', () => {
    it('keeps first occurrences with ordinal comparison', () => {
      assert.deepEqual(ev('RemoveDuplicates([proxyAddresses])', proxies), ['SMTP:john@contoso.com', 'smtp:jd@contoso.com']);
      assert.deepEqual(ev('RemoveDuplicates([l])', { l: ['a', 'A', 'a'] }), ['a', 'A']);
      assert.equal(ev('RemoveDuplicates([mail])', { mail: 'x' }), 'x');
      assert.equal(ev('RemoveDuplicates([missing])'), null);
    });
  });

  it('reads numbers and Booleans inside source lists as text', () => {
    assert.deepEqual(ev('RemoveDuplicates([l])', { l: [1, true, 1] as unknown as string[] }), ['1', 'True']);
  });
});

describe('app role functions', () => {
  const objects = {
    appRoleAssignments: [
      { id: '7a8b', value: '25', displayName: 'Role1234' },
      { id: '9c0d', value: 'Admin', displayName: 'Admin' },
    ],
  };

  describe('SingleAppRoleAssignment', () => {
    it('returns the role value from strings or role objects', () => {
      assert.equal(ev('SingleAppRoleAssignment([appRoleAssignments])', { appRoleAssignments: ['Default Assignment'] }), 'Default Assignment');
      assert.equal(ev('SingleAppRoleAssignment([appRoleAssignments])', { appRoleAssignments: [{ value: 'Admin', displayName: 'Administrator' }] }), 'Admin');
      assert.equal(ev('SingleAppRoleAssignment([appRoleAssignments])'), null);
    });
    it('warns when several roles are assigned and shows the first', () => {
      const warnings: string[] = [];
      assert.equal(ev('SingleAppRoleAssignment([appRoleAssignments])', objects, { onWarning: (w) => warnings.push(w.message) }), '25');
      assert.match(warnings[0], /several roles/);
    });
  });

  describe('AppRoleAssignmentsComplex / AssertiveAppRoleAssignmentsComplex', () => {
    it('emits SCIM role objects as JSON strings with displayName', () => {
      assert.deepEqual(ev('AppRoleAssignmentsComplex([appRoleAssignments])', objects), [
        '{"primary":false,"type":"WindowsAzureActiveDirectoryRole","displayName":"Role1234","value":"25"}',
        '{"primary":false,"type":"WindowsAzureActiveDirectoryRole","displayName":"Admin","value":"Admin"}',
      ]);
    });
    it('uses display for the assertive variant', () => {
      assert.deepEqual(ev('AssertiveAppRoleAssignmentsComplex([appRoleAssignments])', { appRoleAssignments: ['User'] }), [
        '{"primary":false,"type":"WindowsAzureActiveDirectoryRole","display":"User","value":"User"}',
      ]);
      assert.equal(ev('AssertiveAppRoleAssignmentsComplex([appRoleAssignments])'), null);
    });
  });

  describe('AppRoleAssignments', () => {
    it('lists role values', () => {
      assert.deepEqual(ev('AppRoleAssignments([appRoleAssignments])', objects), ['25', 'Admin']);
      assert.equal(ev('AppRoleAssignments([appRoleAssignments])'), null);
    });
  });
});

describe('numbers, randomness and directory functions', () => {
  describe('BitAnd', () => {
    it('ANDs integers (documented example) including 64-bit values', () => {
      assert.equal(ev('BitAnd(&HF, &HF7)'), '7');
      assert.equal(ev('BitAnd([uac], 2)', { userAccountControl: '514', uac: '514' }), '2');
      assert.equal(ev('BitAnd(9223372036854775807, &HFF00000000000000)'), '9151314442816847872');
      assert.equal(ev('BitAnd(-1, 5)'), '5');
      assert.equal(ev('BitAnd([missing], 5)'), null);
      assertExpressionError(() => ev('BitAnd("x", 5)'), /must be a whole number, got "x"/);
    });
  });

  describe('Guid', () => {
    it('returns a lower-case version-4 GUID from the random source', () => {
      const a = ev('Guid()', {}, { random: seededRandom(1) }) as string;
      assert.match(a, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      assert.equal(ev('Guid()', {}, { random: seededRandom(1) }), a);
      assert.notEqual(ev('Guid()'), ev('Guid()'));
    });
  });

  describe('RandomString', () => {
    it('meets the requested composition (documented examples)', () => {
      for (let seed = 1; seed <= 50; seed++) {
        const s = ev('RandomString(6,3,0,0,3)', {}, { random: seededRandom(seed) }) as string;
        assert.equal(s.length, 6);
        assert.ok((s.match(/\d/g) ?? []).length >= 3, s);
        assert.ok((s.match(/[a-z]/g) ?? []).length >= 3, s);
        const t = ev('RandomString(10,2,2,2,1,"?,")', {}, { random: seededRandom(seed) }) as string;
        assert.equal(t.length, 10);
        assert.ok(!/[?,]/.test(t), t);
        assert.ok((t.match(/\d/g) ?? []).length >= 2 && (t.match(/[A-Z]/g) ?? []).length >= 2 && (t.match(/[^A-Za-z0-9]/g) ?? []).length >= 2, t);
      }
    });
    it('rejects impossible requests', () => {
      assertExpressionError(() => ev('RandomString(4,2,1,1,1)'), /add up to 5, more than Length 4/);
      assertExpressionError(() => ev('RandomString(300,0,0,0,0)'), /between 1 and 256/);
      assertExpressionError(() => ev('RandomString(3,1,0,0,0,"0123456789")'), /removes every character of a required kind/);
    });
  });

  describe('SelectUniqueValue', () => {
    const text =
      'SelectUniqueValue(Join("@", NormalizeDiacritics(StripSpaces(Join(".", [PreferredFirstName], [PreferredLastName]))), "contoso.com"), Join("@", NormalizeDiacritics(StripSpaces(Join(".", Mid([PreferredFirstName], 1, 1), [PreferredLastName]))), "contoso.com"), Join("@", NormalizeDiacritics(StripSpaces(Join(".", Mid([PreferredFirstName], 1, 2), [PreferredLastName]))), "contoso.com"))';
    const john = { PreferredFirstName: 'John', PreferredLastName: 'Smith' };
    it('returns the first value not yet taken (documented example)', () => {
      assert.equal(ev(text, john), 'John.Smith@contoso.com');
      const taken = new Set(['John.Smith@contoso.com']);
      assert.equal(ev(text, john, { isTaken: (v) => taken.has(v) }), 'J.Smith@contoso.com');
      taken.add('J.Smith@contoso.com');
      assert.equal(ev(text, john, { isTaken: (v) => taken.has(v) }), 'Jo.Smith@contoso.com');
    });
    it('fails when every rule is taken (the service escrows the object)', () => {
      assertExpressionError(() => ev(text, john, { isTaken: () => true }), /already exists/);
    });
  });

  describe('DefaultDomain', () => {
    it('returns the injected default domain or explains what is missing', () => {
      assert.equal(ev('Join("@", [mailNickname], DefaultDomain())', { mailNickname: 'jd' }, { defaultDomain: 'contoso.onmicrosoft.com' }), 'jd@contoso.onmicrosoft.com');
      assertExpressionError(() => ev('DefaultDomain()'), /default domain is not known/);
    });
  });
});
