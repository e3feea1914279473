// A small, DOM-free XML reader for WordprocessingML. It builds a plain element tree and nothing else:
// no DTD, no external entities, no namespaces resolution (names are kept as written, e.g. "w:tc"), so a
// document can never make it fetch anything or expand an entity bomb. Anything it does not understand is an
// error value, never a guess.

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | string;

export class XmlError extends Error {
  constructor(
    readonly code: 'xml-malformed' | 'xml-doctype' | 'xml-too-deep',
    readonly offset: number,
  ) {
    super(`${code} at offset ${offset}`);
    this.name = 'XmlError';
  }
}

/** Deeper than any real Word document; keeps a hostile file from exhausting the stack of a recursive walker. */
const MAX_DEPTH = 256;

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(text: string, offset: number): string {
  if (!text.includes('&')) return text;
  return text.replace(/&([^;&\s]{1,10});/g, (_match, body: string) => {
    if (body.startsWith('#x') || body.startsWith('#X')) {
      const code = Number.parseInt(body.slice(2), 16);
      if (!Number.isFinite(code) || code > 0x10ffff) throw new XmlError('xml-malformed', offset);
      return String.fromCodePoint(code);
    }
    if (body.startsWith('#')) {
      const code = Number.parseInt(body.slice(1), 10);
      if (!Number.isFinite(code) || code > 0x10ffff) throw new XmlError('xml-malformed', offset);
      return String.fromCodePoint(code);
    }
    const value = PREDEFINED[body];
    // Only the five predefined entities exist without a DTD; anything else is not XML we accept.
    if (value === undefined) throw new XmlError('xml-malformed', offset);
    return value;
  });
}

const NAME = /^[A-Za-z_][\w.:-]*/;
const ATTRIBUTE = /\s*([A-Za-z_][\w.:-]*)\s*=\s*("([^"]*)"|'([^']*)')/y;

/** Parses a whole document and returns its root element. */
export function parseXml(xml: string): XmlElement {
  const root: XmlElement = { name: '#document', attributes: {}, children: [] };
  const stack: XmlElement[] = [root];
  let pos = 0;
  const length = xml.length;
  while (pos < length) {
    const lt = xml.indexOf('<', pos);
    const textEnd = lt === -1 ? length : lt;
    if (textEnd > pos) {
      const text = xml.slice(pos, textEnd);
      if (stack.length > 1) stack[stack.length - 1]!.children.push(decodeEntities(text, pos));
      else if (text.trim() !== '') throw new XmlError('xml-malformed', pos);
    }
    if (lt === -1) break;
    pos = lt;
    if (xml.startsWith('<?', pos)) {
      const end = xml.indexOf('?>', pos + 2);
      if (end === -1) throw new XmlError('xml-malformed', pos);
      pos = end + 2;
    } else if (xml.startsWith('<!--', pos)) {
      const end = xml.indexOf('-->', pos + 4);
      if (end === -1) throw new XmlError('xml-malformed', pos);
      pos = end + 3;
    } else if (xml.startsWith('<![CDATA[', pos)) {
      const end = xml.indexOf(']]>', pos + 9);
      if (end === -1 || stack.length === 1) throw new XmlError('xml-malformed', pos);
      stack[stack.length - 1]!.children.push(xml.slice(pos + 9, end));
      pos = end + 3;
    } else if (xml.startsWith('<!', pos)) {
      // <!DOCTYPE …> is where entity definitions (and external entities) would come from: refuse it outright.
      throw new XmlError('xml-doctype', pos);
    } else if (xml.startsWith('</', pos)) {
      const end = xml.indexOf('>', pos + 2);
      if (end === -1) throw new XmlError('xml-malformed', pos);
      const name = xml.slice(pos + 2, end).trim();
      const open = stack.pop();
      if (!open || open === root || open.name !== name) throw new XmlError('xml-malformed', pos);
      pos = end + 1;
    } else {
      const nameMatch = NAME.exec(xml.slice(pos + 1, pos + 1 + 200));
      if (!nameMatch) throw new XmlError('xml-malformed', pos);
      const element: XmlElement = { name: nameMatch[0], attributes: {}, children: [] };
      let cursor = pos + 1 + nameMatch[0].length;
      for (;;) {
        ATTRIBUTE.lastIndex = cursor;
        const attribute = ATTRIBUTE.exec(xml);
        if (!attribute) break;
        element.attributes[attribute[1]!] = decodeEntities(attribute[3] ?? attribute[4] ?? '', cursor);
        cursor = ATTRIBUTE.lastIndex;
      }
      while (cursor < length && /\s/.test(xml[cursor]!)) cursor += 1;
      let selfClosing = false;
      if (xml.startsWith('/>', cursor)) {
        selfClosing = true;
        cursor += 2;
      } else if (xml[cursor] === '>') {
        cursor += 1;
      } else {
        throw new XmlError('xml-malformed', cursor);
      }
      const parent = stack[stack.length - 1]!;
      if (parent === root && root.children.length > 0) throw new XmlError('xml-malformed', pos);
      parent.children.push(element);
      if (!selfClosing) {
        if (stack.length > MAX_DEPTH) throw new XmlError('xml-too-deep', pos);
        stack.push(element);
      }
      pos = cursor;
    }
  }
  if (stack.length !== 1) throw new XmlError('xml-malformed', length);
  const top = root.children[0];
  if (top === undefined || typeof top === 'string') throw new XmlError('xml-malformed', 0);
  return top;
}

export function childElements(element: XmlElement, name?: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const child of element.children) {
    if (typeof child !== 'string' && (name === undefined || child.name === name)) out.push(child);
  }
  return out;
}

export function firstChild(element: XmlElement, name: string): XmlElement | undefined {
  for (const child of element.children) {
    if (typeof child !== 'string' && child.name === name) return child;
  }
  return undefined;
}
