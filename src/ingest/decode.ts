import { isUtf8 } from 'node:buffer';
import { createRequire } from 'node:module';

export type Encoding = 'utf-8' | 'utf-8-bom' | 'windows-1252' | 'utf-16le' | 'utf-16be';

/**
 * The encoding of an export. A BOM decides; otherwise valid UTF-8 is UTF-8 and anything else is
 * Windows-1252, the encoding of a file re-saved by a French spreadsheet.
 */
export function detectEncoding(bytes: Buffer): Encoding {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8-bom';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return isUtf8(bytes) ? 'utf-8' : 'windows-1252';
}

/** Bytes → text, in the encoding detected (BOM dropped). */
export function decodeText(bytes: Buffer): { text: string; encoding: Encoding } {
  const encoding = detectEncoding(bytes);
  return { text: decodeAs(bytes, encoding), encoding };
}

export function decodeAs(bytes: Buffer, encoding: Encoding): string {
  switch (encoding) {
    case 'utf-8':
      return bytes.toString('utf8');
    case 'utf-8-bom':
      return bytes.subarray(3).toString('utf8');
    // iconv-lite, loaded only for these files. Not TextDecoder: Node 20's windows-1252 decoder
    // drops the bytes 0x80–0x9F (… € ’ œ), which French spreadsheets write all the time.
    case 'utf-16le':
      return iconv().decode(bytes.subarray(2), 'utf-16le');
    case 'utf-16be':
      return iconv().decode(bytes.subarray(2), 'utf-16be');
    case 'windows-1252':
      return iconv().decode(bytes, 'windows-1252');
  }
}

const iconv = () => createRequire(import.meta.url)('iconv-lite') as typeof import('iconv-lite');

/** The first character that is not white space, for UTF-8 bytes (BOM skipped); '' when none. */
export function firstUtf8Char(bytes: Buffer): string {
  for (let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 0x20 || (b >= 0x09 && b <= 0x0d)) continue;
    // Not ASCII: decode a few bytes (an NBSP and other Unicode spaces count as white space too).
    if (b >= 0x80)
      return bytes
        .subarray(i, i + 4096)
        .toString('utf8')
        .trimStart()
        .charAt(0);
    return String.fromCharCode(b);
  }
  return '';
}

/** NUL bytes or many control characters: not a text export. */
export function looksBinary(bytes: Buffer): boolean {
  const head = bytes.subarray(0, 8192);
  if (head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))) return false;
  let control = 0;
  for (const b of head) {
    if (b === 0) return true;
    if (b < 0x09 || (b > 0x0d && b < 0x20)) control++;
  }
  return head.length > 0 && control / head.length > 0.1;
}

/** Whether bytes start like a ZIP archive (XLSX, ODS). */
export const isZip = (b: Buffer): boolean => b.length > 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
