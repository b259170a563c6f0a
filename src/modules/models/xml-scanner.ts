import { unprocessableModel } from './models.errors.js';

export interface XmlTag {
  /** Name without namespace prefix. */
  name: string;
  closing: boolean;
  selfClosing: boolean;
  /** The raw text between the name and the closing `>`; parse with `parseXmlAttributes` when needed. */
  body: string;
}

/**
 * A minimal streaming XML tag scanner, enough for 3MF model parts. It never builds a tree, keeps only
 * the unfinished tag between chunks (bounded by `maxTagBytes`), skips comments, CDATA and processing
 * instructions, and refuses DTDs outright so no entity expansion can happen.
 */
export async function scanXmlTags(chunks: AsyncIterable<Uint8Array>, maxTagBytes: number, onTag: (tag: XmlTag) => void): Promise<void> {
  const decoder = new TextDecoder('utf-8');
  let carry = '';
  for await (const chunk of chunks) {
    carry = scanText(carry + decoder.decode(chunk, { stream: true }), onTag);
    if (carry.length > maxTagBytes) throw unprocessableModel(`A 3MF XML tag or comment is longer than ${maxTagBytes} bytes; the file is corrupt.`);
  }
  carry = scanText(carry + decoder.decode(), onTag);
  if (carry.trim() !== '') throw unprocessableModel('A 3MF model part ends in the middle of an XML tag; it is truncated.');
}

/** Handles every complete construct in `text`, returning the unfinished rest. */
function scanText(text: string, onTag: (tag: XmlTag) => void): string {
  let pos = 0;
  for (;;) {
    const lt = text.indexOf('<', pos);
    if (lt < 0) return '';
    let end: number;
    if (text.startsWith('<!--', lt)) end = closeAfter(text, '-->', lt + 4);
    else if (text.startsWith('<![CDATA[', lt)) end = closeAfter(text, ']]>', lt + 9);
    else if (text.startsWith('<?', lt)) end = closeAfter(text, '?>', lt + 2);
    else if (text.startsWith('<!', lt)) {
      if (text.length - lt < 9) return text.slice(lt);
      throw unprocessableModel('The 3MF model part contains a DTD or entity declaration, which 3MF does not allow.');
    } else {
      end = tagEnd(text, lt + 1);
      if (end >= 0) emitTag(text.slice(lt + 1, end - 1), onTag);
    }
    if (end < 0) return text.slice(lt);
    pos = end;
  }
}

function closeAfter(text: string, marker: string, from: number): number {
  const at = text.indexOf(marker, from);
  return at < 0 ? -1 : at + marker.length;
}

/** Index just past the `>` closing the tag that starts at `from`, honouring quoted attribute values. */
function tagEnd(text: string, from: number): number {
  let quote = '';
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (quote !== '') {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return i + 1;
  }
  return -1;
}

function emitTag(inner: string, onTag: (tag: XmlTag) => void): void {
  const closing = inner.startsWith('/');
  const selfClosing = inner.endsWith('/');
  const content = inner.slice(closing ? 1 : 0, selfClosing ? -1 : undefined);
  const match = /^\s*([^\s/>]+)/.exec(content);
  if (match?.[1] === undefined) throw unprocessableModel('The 3MF model part has a malformed XML tag.');
  const qualified = match[1];
  const colon = qualified.indexOf(':');
  onTag({ name: colon < 0 ? qualified : qualified.slice(colon + 1), closing, selfClosing, body: content.slice(match[0].length) });
}

const attributePattern = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

export function parseXmlAttributes(body: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const m of body.matchAll(attributePattern)) attributes.set(m[1] ?? '', decodeEntities(m[2] ?? m[3] ?? ''));
  return attributes;
}

function decodeEntities(value: string): string {
  if (!value.includes('&')) return value;
  return value.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (whole, name: string) => {
    switch (name.toLowerCase()) {
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'amp':
        return '&';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
      default: {
        const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      }
    }
  });
}
