import * as assert from 'node:assert/strict';
import { assertExpressionError, ev } from './helpers';

describe('text functions', () => {
  describe('Append', () => {
    it('adds the suffix (documented examples)', () => {
      assert.equal(ev('Append([userPrincipalName], ".test")', { userPrincipalName: 'John.Doe@contoso.com' }), 'John.Doe@contoso.com.test');
      assert.equal(ev('Append(Mid([givenName],1,3), Mid([surname],1,5))', { givenName: 'John', surname: 'Doe' }), 'JohDoe');
    });
    it('gives null for a null source and ignores a null suffix', () => {
      assert.equal(ev('Append([missing], "x")'), null);
      assert.equal(ev('Append("a", [missing])'), 'a');
      assert.equal(ev('Append("", "")'), '');
    });
    it('applies to each value of a multi-valued source', () => {
      assert.deepEqual(ev('Append([proxyAddresses], "!")', { proxyAddresses: ['a', 'b'] }), ['a!', 'b!']);
    });
    it('rejects a multi-valued suffix', () => {
      assertExpressionError(() => ev('Append("a", [list])', { list: ['x', 'y'] }), /argument 2 must be a single value/, 0);
    });
  });

  describe('Prepend', () => {
    it('puts the prefix in front', () => {
      assert.equal(ev('Prepend("pre-", [x])', { x: 'fix' }), 'pre-fix');
      assert.equal(ev('Prepend("pre-", [x])'), null);
    });
  });

  describe('CStr', () => {
    it('renders values as text', () => {
      assert.equal(ev('CStr([dn])', { dn: 'cn=Joe,dc=contoso,dc=com' }), 'cn=Joe,dc=contoso,dc=com');
      assert.equal(ev('CStr([flag])', { flag: true }), 'True');
      assert.equal(ev('CStr([n])', { n: -12 }), '-12');
      assert.equal(ev('CStr(&H10)'), '16');
      assert.equal(ev('CStr([missing])'), null);
    });
  });

  describe('Join', () => {
    it('joins with the separator (documented examples)', () => {
      assert.equal(ev('Join(" ", [givenName], [surname])', { givenName: 'John', surname: 'Doe' }), 'John Doe');
      assert.equal(ev('Join(", ", "", [surname], [givenName])', { givenName: 'John', surname: 'Doe' }), 'Doe, John');
      assert.equal(ev('Join("@", [mailNickname], "contoso.com")', { mailNickname: 'jdoe' }), 'jdoe@contoso.com');
    });
    it('includes every value of a multi-valued source in order', () => {
      assert.equal(ev('Join(";", [proxyAddresses], "last")', { proxyAddresses: ['SMTP:a@x', '', 'smtp:b@x'] }), 'SMTP:a@x;smtp:b@x;last');
    });
    it('skips null sources and gives null only when every source is null', () => {
      assert.equal(ev('Join(" ", [givenName], [middle], [surname])', { givenName: 'John', surname: 'Doe' }), 'John Doe');
      assert.equal(ev('Join(" ", [a], [b])'), null);
      assert.equal(ev('Join(" ", [a], "")'), '');
    });
    it('joins numbers and Booleans by their text form', () => {
      assert.equal(ev('Join("", 1000, [flag])', { flag: false }), '1000False');
      assert.equal(ev('Join("", [n])', { n: 3 }), '3');
    });
    it('keeps Unicode and an empty separator', () => {
      assert.equal(ev('Join("", "Zoë", "😀", "日本")'), 'Zoë😀日本');
    });
  });

  describe('Left', () => {
    it('takes the first characters (documented rules)', () => {
      assert.equal(ev('Left("John Doe", 3)'), 'Joh');
      assert.equal(ev('Left("John Doe", 0)'), '');
      assert.equal(ev('Left("John Doe", -1)'), 'John Doe');
      assert.equal(ev('Left("Jo", 5)'), 'Jo');
      assert.equal(ev('Left([missing], 3)'), '');
    });
    it('rejects a non-numeric count', () => {
      assertExpressionError(() => ev('Left("abc", "x")'), /argument 2 must be a whole number, got "x"/);
    });
  });

  describe('Mid', () => {
    it('takes a substring from a 1-based start (documented example)', () => {
      assert.equal(ev('Mid([givenName], 1, 3)', { givenName: 'John' }), 'Joh');
      assert.equal(ev('Mid("abcdef", 3, 2)'), 'cd');
      assert.equal(ev('Mid("abcdef", 5, 10)'), 'ef');
    });
    it('follows the Connect-sync edges and null → null', () => {
      assert.equal(ev('Mid("abc", 1, 0)'), '');
      assert.equal(ev('Mid("abc", 1, -1)'), 'abc');
      assert.equal(ev('Mid("abc", 0, 2)'), 'abc');
      assert.equal(ev('Mid("abc", 4, 1)'), 'abc');
      assert.equal(ev('Mid([missing], 1, 2)'), null);
    });
    it('counts UTF-16 code units like .NET', () => {
      assert.equal(ev('Mid("a😀b", 2, 2)'), '😀');
    });
  });

  describe('Word', () => {
    it('returns the n-th word (documented examples)', () => {
      assert.equal(ev('Word("The quick brown fox",3," ")'), 'brown');
      assert.equal(ev('Word("This,string!has&many separators",3,",!&#")'), 'has');
      assert.equal(ev('Word("This,string!has&many separators",4,",!&#")'), 'many separators');
    });
    it('handles the edge rules', () => {
      assert.equal(ev('Word("abc",1," ")'), 'abc');
      assert.equal(ev('Word("a  b",2," ")'), 'b');
      assert.equal(ev('Word("a b",0," ")'), '');
      assert.equal(ev('Word("a b",3," ")'), '');
      assert.equal(ev('Word("   ",1," ")'), '');
      assert.equal(ev('Word([missing],1," ")'), '');
    });
  });

  describe('InStr', () => {
    it('finds 1-based positions (documented examples)', () => {
      assert.equal(ev('InStr("The quick brown fox","quick")'), '5');
      assert.equal(ev('InStr("repEated","e",3,vbBinaryCompare)'), '7');
    });
    it('compares case-insensitively with vbTextCompare and returns 0 when absent', () => {
      assert.equal(ev('InStr("repEated","e",3,vbTextCompare)'), '4');
      assert.equal(ev('InStr("abc","z")'), '0');
      assert.equal(ev('InStr("abc","a",9)'), '0');
      assert.equal(ev('InStr("abc","")'), '1');
      assert.equal(ev('InStr([missing],"a")'), null);
    });
    it('rejects a start below 1 and an unknown compare type', () => {
      assertExpressionError(() => ev('InStr("abc","a",0)'), /start \(argument 3\) must be 1 or more/);
      assertExpressionError(() => ev('InStr("abc","a",1,"fuzzy")'), /compareType must be vbBinaryCompare or vbTextCompare/);
    });
  });

  describe('Split', () => {
    it('splits into a multi-valued list without trimming', () => {
      assert.deepEqual(ev('Split([extensionAttribute5], ",")', { extensionAttribute5: 'PermissionSetOne, PermissionSetTwo' }), ['PermissionSetOne', ' PermissionSetTwo']);
      assert.deepEqual(ev('Split("a,,b", ",")'), ['a', '', 'b']);
      assert.deepEqual(ev('Split("a--b", "--")'), ['a', 'b']);
      assert.deepEqual(ev('Split("abc", "")'), ['abc']);
      assert.equal(ev('Split([missing], ",")'), null);
    });
    it('feeds multi-valued functions', () => {
      assert.equal(ev('Count(Split("a,b,c", ","))'), '3');
      assert.equal(ev('Join("|", Split("a,b", ","))'), 'a|b');
    });
  });

  describe('StripSpaces', () => {
    it('removes only U+0020', () => {
      assert.equal(ev('StripSpaces(" a b  c ")'), 'abc');
      assert.equal(ev('StripSpaces("a\tb\u00a0c")'), 'a\tb\u00a0c');
      assert.equal(ev('StripSpaces([missing])'), null);
    });
  });

  describe('ToLower / ToUpper', () => {
    it('converts with the invariant culture (documented example)', () => {
      assert.equal(
        ev('ToLower(Join("@", NormalizeDiacritics(StripSpaces(Join(".", [PreferredFirstName], [PreferredLastName]))), "contoso.com"))', {
          PreferredFirstName: 'John',
          PreferredLastName: 'Smith',
        }),
        'john.smith@contoso.com',
      );
      assert.equal(ev('ToUpper("abc")'), 'ABC');
    });
    it('maps one character to one character like .NET', () => {
      assert.equal(ev('ToUpper("straße")'), 'STRAßE');
      assert.equal(ev('ToLower("ΟΔΟΣ")'), 'οδοσ');
      assert.equal(ev('ToLower("İI")'), 'İi');
    });
    it('applies Turkish rules for tr-TR', () => {
      assert.equal(ev('ToLower("TITLE", "tr-TR")'), 'tıtle');
      assert.equal(ev('ToUpper("istanbul", "tr-TR")'), 'İSTANBUL');
      assert.equal(ev('ToUpper("istanbul", "en-US")'), 'ISTANBUL');
    });
    it('rejects a malformed culture name and passes null through', () => {
      assertExpressionError(() => ev('ToLower("a", "not a culture")'), /not a culture name/);
      assert.equal(ev('ToUpper([missing])'), null);
    });
  });

  describe('PCase', () => {
    it('proper-cases words (documented examples)', () => {
      assert.equal(ev('PCase("PABLO GONSALVES (SECOND)")'), 'Pablo Gonsalves (Second)');
      assert.equal(ev('PCase("PINTO-DE\'SILVA", " \'-")'), "Pinto-De'Silva");
      assert.equal(ev('PCase(Join(" ",[firstName],[lastName]))', { firstName: 'GREGORY', lastName: 'JAMES' }), 'Gregory James');
    });
    it('emulates .NET ToTitleCase quirks', () => {
      assert.equal(ev('PCase("O\'NEIL")'), "O'neil");
      assert.equal(ev('PCase("3RD STREET")'), '3Rd Street');
      assert.equal(ev('PCase("jean-luc picard")'), 'Jean-Luc Picard');
      assert.equal(ev('PCase("éLODIE ǆAK")'), 'Élodie ǅak');
    });
    it('passes null through', () => {
      assert.equal(ev('PCase([missing])'), null);
    });
  });

  describe('NormalizeDiacritics', () => {
    it('removes accents (documented example and table highlights)', () => {
      assert.equal(ev('NormalizeDiacritics([givenName])', { givenName: 'Zoë' }), 'Zoe');
      assert.equal(ev('NormalizeDiacritics("æǣÆǢ")'), 'aeaeAEAE');
      assert.equal(ev('NormalizeDiacritics("øØœ̄")'), 'oeOEoe');
      assert.equal(ev('NormalizeDiacritics("ßłŁıİ")'), 'sslLiI');
      assert.equal(ev('NormalizeDiacritics("öüÅçñ")'), 'ouAcn');
      assert.equal(ev('NormalizeDiacritics("ā̀a̱")'), 'aa');
    });
    it('keeps letters the table does not list', () => {
      assert.equal(ev('NormalizeDiacritics("đ")'), 'đ');
      assert.equal(ev('NormalizeDiacritics("Йошкар 日本 한국")'), 'Йошкар 日本 한국');
      assert.equal(ev('NormalizeDiacritics([missing])'), null);
    });
  });

  describe('ConvertToBase64', () => {
    it('encodes UTF-16LE bytes (documented example)', () => {
      assert.equal(ev('ConvertToBase64("Hello world!")'), 'SABlAGwAbABvACAAdwBvAHIAbABkACEA');
      assert.equal(ev('ConvertToBase64("")'), '');
      assert.equal(ev('ConvertToBase64("a")'), 'YQA=');
      assert.equal(ev('ConvertToBase64("é😀")'), '6QA92ADe');
      assert.equal(ev('ConvertToBase64([missing])'), null);
    });
  });

  describe('ConvertToUTF8Hex', () => {
    it('encodes UTF-8 bytes as upper-case hex (documented example)', () => {
      assert.equal(ev('ConvertToUTF8Hex("Hello world!")'), '48656C6C6F20776F726C6421');
      assert.equal(ev('ConvertToUTF8Hex("é€😀")'), 'C3A9E282ACF09F9880');
      assert.equal(ev('ConvertToUTF8Hex("")'), '');
      assert.equal(ev('ConvertToUTF8Hex([missing])'), null);
    });
    it('feeds the documented Join/Replace example', () => {
      const result = ev('Join("", 1000, Replace(ConvertToUTF8Hex([objectId]), , "[a-zA-Z_]*", , "", , ))', { objectId: 'd05e47b1-3909-445a-ba5e-ca60cbc0e4b4' });
      assert.equal(result, '1000' + '64303565343762312D333930392D343435612D626135652D636136306362633065346234'.replace(/[A-Z]/g, ''));
    });
  });
});
