// A minimal, non-validating XML tokenizer for the few SpreadsheetML parts the reader needs. It never expands
// entities other than the five predefined ones and character references, and refuses DOCTYPE declarations,
// so no entity-expansion or external-entity trick can reach it.

export interface XmlOpen {
  kind: 'open';
  /** Local name, namespace prefix removed ("x:c" → "c"). */
  name: string;
  attrs: Record<string, string>;
  selfClosing: boolean;
}
export interface XmlClose {
  kind: 'close';
  name: string;
}
export interface XmlText {
  kind: 'text';
  text: string;
}
export type XmlToken = XmlOpen | XmlClose | XmlText;

/** Malformed XML, or a declaration (DOCTYPE, ENTITY…) that is refused on principle; the message is for a log. */
export class XmlError extends Error {
  constructor(
    readonly reason: 'xml-malformed' | 'xml-declaration',
    message: string,
  ) {
    super(message);
  }
}

const ENTITY = /&(?:#x([0-9a-fA-F]+)|#([0-9]+)|(amp|lt|gt|quot|apos));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeEntities(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(ENTITY, (_m, hex: string | undefined, dec: string | undefined, named: string | undefined) => {
    if (named) return NAMED[named]!;
    const code = hex ? parseInt(hex, 16) : parseInt(dec!, 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}

function localName(qname: string): string {
  const i = qname.indexOf(':');
  return i < 0 ? qname : qname.slice(i + 1);
}

const ATTR = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** Index of the '>' closing a tag, skipping quoted attribute values (which may contain '>'). */
function tagEnd(xml: string, from: number): number {
  let quote = 0;
  for (let i = from; i < xml.length; i++) {
    const c = xml.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) {
      quote = c;
    } else if (c === 62) {
      return i;
    }
  }
  return -1;
}

/** Calls `onToken` for every element start/end and every text run, in document order. */
export function scanXml(xml: string, onToken: (token: XmlToken) => void): void {
  const n = xml.length;
  let i = 0;
  while (i < n) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) {
      const rest = xml.slice(i);
      if (rest.trim()) onToken({ kind: 'text', text: decodeEntities(rest) });
      return;
    }
    if (lt > i) onToken({ kind: 'text', text: decodeEntities(xml.slice(i, lt)) });
    const next = xml.charCodeAt(lt + 1);
    if (next === 63 /* ? */) {
      const end = xml.indexOf('?>', lt + 2);
      if (end < 0) throw new XmlError('xml-malformed', 'unterminated processing instruction');
      i = end + 2;
    } else if (next === 33 /* ! */) {
      if (xml.startsWith('<!--', lt)) {
        const end = xml.indexOf('-->', lt + 4);
        if (end < 0) throw new XmlError('xml-malformed', 'unterminated comment');
        i = end + 3;
      } else if (xml.startsWith('<![CDATA[', lt)) {
        const end = xml.indexOf(']]>', lt + 9);
        if (end < 0) throw new XmlError('xml-malformed', 'unterminated CDATA');
        onToken({ kind: 'text', text: xml.slice(lt + 9, end) });
        i = end + 3;
      } else {
        throw new XmlError('xml-declaration', 'DOCTYPE and other declarations are not accepted');
      }
    } else {
      const end = tagEnd(xml, lt + 1);
      if (end < 0) throw new XmlError('xml-malformed', 'unterminated tag');
      if (next === 47 /* / */) {
        onToken({ kind: 'close', name: localName(xml.slice(lt + 2, end).trim()) });
      } else {
        let body = xml.slice(lt + 1, end);
        const selfClosing = body.endsWith('/');
        if (selfClosing) body = body.slice(0, -1);
        const m = /^[\w:.-]+/.exec(body);
        if (!m) throw new XmlError('xml-malformed', 'bad tag');
        const attrs: Record<string, string> = {};
        const attrText = body.slice(m[0].length);
        if (attrText.trim()) {
          ATTR.lastIndex = 0;
          let a: RegExpExecArray | null;
          while ((a = ATTR.exec(attrText)) !== null) {
            attrs[localName(a[1]!)] = decodeEntities(a[2] ?? a[3] ?? '');
          }
        }
        onToken({ kind: 'open', name: localName(m[0]), attrs, selfClosing });
      }
      i = end + 1;
    }
  }
}
