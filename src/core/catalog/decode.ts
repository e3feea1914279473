// Bytes of a text export → text. Word's "plain text" export is UTF-8, its "Unicode" export UTF-16 with a BOM,
// and Chinese Windows often saves GB18030; pure (TextDecoder), so the task pane can use it on an uploaded file.

export interface DecodedText {
  text: string;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';
}

/** UTF-8 (with or without BOM), UTF-16 with a BOM, else GB18030 (common for Chinese Windows exports); null if none fits. */
export function decodeText(bytes: Uint8Array): DecodedText | null {
  const tryDecode = (label: string, data: Uint8Array): string | null => {
    try {
      return new TextDecoder(label, { fatal: true }).decode(data);
    } catch {
      return null;
    }
  };
  let decoded: DecodedText | null;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    const text = tryDecode('utf-16le', bytes.subarray(2));
    decoded = text === null ? null : { text, encoding: 'utf-16le' };
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const text = tryDecode('utf-16be', bytes.subarray(2));
    decoded = text === null ? null : { text, encoding: 'utf-16be' };
  } else {
    const utf8 = tryDecode('utf-8', bytes);
    if (utf8 !== null) {
      decoded = { text: utf8, encoding: 'utf-8' };
    } else {
      const gb = tryDecode('gb18030', bytes);
      decoded = gb === null ? null : { text: gb, encoding: 'gb18030' };
    }
  }
  // NUL characters mean a binary file that happened to decode.
  if (decoded && decoded.text.includes('\u0000')) return null;
  return decoded;
}
