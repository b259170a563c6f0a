import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';

/** One thing wrong with a manifest, positioned so an editor or a person can jump to it. */
export interface ManifestProblem {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** Where in the manifest, e.g. `retention[2].starts_on`; empty for the whole file. */
  readonly path: string;
  readonly message: string;
  readonly kind: 'syntax' | 'schema' | 'semantic';
}

export type PathSegment = string | number;

/**
 * Limits that keep parsing linear and bounded: the yaml parser slows down badly on very deep
 * nesting, so such input is refused before it is parsed. A real manifest is a few kilobytes.
 */
export const MAX_MANIFEST_CHARS = 256 * 1024;
const MAX_FLOW_DEPTH = 64;
const MAX_LINE_PREFIX = 256;

export interface ParsedSource {
  readonly data: unknown;
  readonly problems: ManifestProblem[];
  /** Finds the line and column of a path; falls back to the nearest existing parent. */
  readonly locate: (path: readonly PathSegment[], key?: string) => { line: number; column: number };
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out;
}

function findNestingProblem(text: string): { offset: number; message: string } | undefined {
  let depth = 0;
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x5b || ch === 0x7b) {
      depth++;
      if (depth > MAX_FLOW_DEPTH) return { offset: i, message: `nesting deeper than ${MAX_FLOW_DEPTH} levels; a manifest is never this deep` };
    } else if (ch === 0x5d || ch === 0x7d) {
      depth = Math.max(0, depth - 1);
    } else if (ch === 0x0a) {
      lineStart = i + 1;
    }
    // Indentation, dashes and `?`/`:` indicators at the start of a line are block nesting.
    if (i - lineStart === MAX_LINE_PREFIX && /^[\s\-?:]*$/.test(text.slice(lineStart, i + 1))) {
      return { offset: lineStart, message: `indentation or nesting deeper than ${MAX_LINE_PREFIX} columns; a manifest is never this deep` };
    }
  }
  return undefined;
}

function nodeAt(doc: Document, path: readonly PathSegment[], key?: string): Node | undefined {
  let node: unknown = doc.contents;
  let found: Node | undefined = isNodeLike(node) ? node : undefined;
  const segments: PathSegment[] = key === undefined ? [...path] : [...path, key];
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    const last = i === segments.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
      if (!pair) return found;
      // For an unknown key, point at the key itself; otherwise at the value when there is one.
      const keyNode = isNodeLike(pair.key) ? pair.key : undefined;
      const valueNode = isNodeLike(pair.value) ? pair.value : undefined;
      found = (last && key !== undefined ? keyNode : (valueNode ?? keyNode)) ?? found;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item: unknown = node.items[segment];
      if (!isNodeLike(item)) return found;
      found = item;
      node = item;
    } else {
      return found;
    }
  }
  return found;
}

function isNodeLike(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && 'range' in value && Array.isArray((value as { range?: unknown }).range);
}

function duplicateKeyProblems(doc: Document, file: string, lineCounter: LineCounter): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  visit(doc, {
    Map(_key, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        if (!isPair(pair) || !isScalar(pair.key)) continue;
        const name = String(pair.key.value);
        if (seen.has(name)) {
          const pos = lineCounter.linePos(pair.key.range?.[0] ?? 0);
          problems.push({ file, line: pos.line, column: pos.col, path: '', message: `duplicate key "${name}": each key may appear once in a mapping`, kind: 'syntax' });
        }
        seen.add(name);
      }
    },
  });
  return problems;
}

/** Parses YAML text into plain data plus a locator for paths; never throws. */
export function parseManifestSource(text: string, file: string): ParsedSource {
  const lineCounter = new LineCounter();
  const noLocation = () => ({ line: 1, column: 1 });
  const fail = (message: string, offset = 0): ParsedSource => {
    const lines = text.slice(0, Math.min(offset, MAX_MANIFEST_CHARS)).split('\n');
    return {
      data: undefined,
      problems: [{ file, line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1, path: '', message, kind: 'syntax' }],
      locate: noLocation,
    };
  };
  if (text.length > MAX_MANIFEST_CHARS) {
    return fail(`the file has ${text.length} characters; a manifest may have at most ${MAX_MANIFEST_CHARS}`);
  }
  const nesting = findNestingProblem(text);
  if (nesting) return fail(nesting.message, nesting.offset);
  try {
    const doc = parseDocument(text, { lineCounter, keepSourceTokens: true, uniqueKeys: false, prettyErrors: false });
    const problems: ManifestProblem[] = doc.errors.map((error) => {
      const pos = lineCounter.linePos(error.pos[0]);
      return { file, line: pos.line, column: pos.col, path: '', message: `YAML syntax: ${firstLine(error.message)}`, kind: 'syntax' };
    });
    if (problems.length === 0) problems.push(...duplicateKeyProblems(doc, file, lineCounter));
    const locate = (path: readonly PathSegment[], key?: string) => {
      const node = nodeAt(doc, path, key);
      const pos = lineCounter.linePos(node?.range?.[0] ?? 0);
      return { line: pos.line, column: pos.col };
    };
    if (problems.length > 0) return { data: undefined, problems, locate };
    return { data: doc.toJS({ maxAliasCount: 100 }) as unknown, problems, locate };
  } catch (error) {
    // The parser throws on alias bombs and similar; report it as a problem with the file.
    return fail(`the YAML could not be read: ${firstLine(error instanceof Error ? error.message : String(error))}`);
  }
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).slice(0, 300);
}
