/** Byte-level detection of a CSV's text encoding, and the iconv decoder for it. */

export type DetectedEncoding = 'utf-8' | 'utf-8-bom' | 'gbk' | 'utf-16le' | 'utf-16be';

export function startsWith(buf: Buffer, bytes: number[]): boolean {
  if (buf.length < bytes.length) return false;
  return bytes.every((b, i) => buf[i] === b);
}

export function utf16Bom(head: Buffer): 'utf-16le' | 'utf-16be' | null {
  if (startsWith(head, [0xff, 0xfe])) return 'utf-16le';
  if (startsWith(head, [0xfe, 0xff])) return 'utf-16be';
  return null;
}

/** BOMs first; then strict UTF-8 (a multi-byte character cut at the end of `head` is fine unless `ended`); else GBK. */
export function detectCsvEncoding(head: Buffer, ended: boolean): DetectedEncoding {
  const bom16 = utf16Bom(head);
  if (bom16) return bom16;
  if (startsWith(head, [0xef, 0xbb, 0xbf])) return 'utf-8-bom';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: !ended });
    return 'utf-8';
  } catch {
    return 'gbk';
  }
}

export function iconvName(enc: DetectedEncoding): string {
  switch (enc) {
    case 'gbk':
      return 'gb18030'; // superset of GBK: also decodes rare name characters
    case 'utf-16le':
      return 'utf-16le';
    case 'utf-16be':
      return 'utf-16be';
    default:
      return 'utf-8';
  }
}
