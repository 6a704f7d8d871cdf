/**
 * Byte encodings used by ConvertToBase64 (UTF-16LE, .NET "Unicode") and ConvertToUTF8Hex, written out
 * because Buffer is Node-only and btoa is not in the ES2022 library the webview shares.
 */

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const HEX = '0123456789ABCDEF';

/** Base64 of the UTF-16LE code units of `text` (lone surrogates are encoded as they are, like .NET). */
export function base64Utf16Le(text: string): string {
  const bytes = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    bytes[2 * i] = unit & 0xff;
    bytes[2 * i + 1] = unit >> 8;
  }
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += BASE64[n >> 18] + BASE64[(n >> 12) & 63] + BASE64[(n >> 6) & 63] + BASE64[n & 63];
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i] << 16;
    out += BASE64[n >> 18] + BASE64[(n >> 12) & 63] + '==';
  } else if (rest === 2) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
    out += BASE64[n >> 18] + BASE64[(n >> 12) & 63] + BASE64[(n >> 6) & 63] + '=';
  }
  return out;
}

function hexByte(b: number): string {
  return HEX[b >> 4] + HEX[b & 15];
}

/** Upper-case hex of the UTF-8 bytes of `text`; a lone surrogate becomes EF BF BD like .NET's encoder. */
export function utf8Hex(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
        i++;
      }
    }
    if (code >= 0xd800 && code <= 0xdfff) code = 0xfffd;
    if (code < 0x80) out += hexByte(code);
    else if (code < 0x800) out += hexByte(0xc0 | (code >> 6)) + hexByte(0x80 | (code & 63));
    else if (code < 0x10000) out += hexByte(0xe0 | (code >> 12)) + hexByte(0x80 | ((code >> 6) & 63)) + hexByte(0x80 | (code & 63));
    else out += hexByte(0xf0 | (code >> 18)) + hexByte(0x80 | ((code >> 12) & 63)) + hexByte(0x80 | ((code >> 6) & 63)) + hexByte(0x80 | (code & 63));
  }
  return out;
}
