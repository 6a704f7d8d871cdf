/**
 * NormalizeDiacritics: the docs publish a table that is mostly "strip the accent" but
 * also folds some letters that have no decomposition (æ → ae, ø → oe, ß → ss, ł → l, ı → i). The table's
 * special letters are listed here; accents on Latin letters are removed via Unicode decomposition.
 */

// Letters the docs' table maps that Unicode does not decompose. đ is absent from the table, so it stays.
const FOLDS: Readonly<Record<string, string>> = {
  'æ': 'ae', 'Æ': 'AE',
  'ø': 'oe', 'Ø': 'OE',
  'œ': 'oe', 'Œ': 'OE',
  'ß': 'ss',
  'ł': 'l', 'Ł': 'L',
  'ı': 'i',
};

const NEEDS_WORK = /[^\x00-\x7f]/;
const FOLDABLE = /[æÆøØœŒßłŁı]/g;

function isLatinBase(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || (code >= 0xc0 && code <= 0x24f) || (code >= 0x1e00 && code <= 0x1eff);
}

/**
 * Removes diacritics the way the docs' table does. Decision: combining marks (U+0300–U+036F) are
 * removed only after Latin letters, so that Cyrillic й or Greek tonos, which the table does not
 * cover, are left as they are; the result is recomposed (NFC).
 */
export function normalizeDiacritics(text: string): string {
  if (!NEEDS_WORK.test(text)) return text;
  const decomposed = text.normalize('NFD');
  let out = '';
  let lastBaseLatin = false;
  for (let i = 0; i < decomposed.length; i++) {
    const code = decomposed.charCodeAt(i);
    const isMark = code >= 0x300 && code <= 0x36f;
    if (isMark) {
      if (!lastBaseLatin) out += decomposed[i];
      continue;
    }
    lastBaseLatin = isLatinBase(code) || code === 0x131;
    out += decomposed[i];
  }
  return out.normalize('NFC').replace(FOLDABLE, (ch) => FOLDS[ch] ?? ch);
}
