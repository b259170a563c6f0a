import { readFile, stat } from 'node:fs/promises';
import type { ManifestCheck } from '../modules/privacy/index.js';
import type { CliIo } from './cli-context.js';

/** The manifest library (YAML parser, validation), loaded by the commands that read a manifest only. */
const manifestLibrary = () => import('../modules/privacy/manifest/index.js');

/** A manifest file's text, or null when it cannot be read (said on stderr, exit code 2, or 1 when too big). */
export async function readManifestFile(io: CliIo, file: string): Promise<string | null> {
  const { MAX_MANIFEST_CHARS } = await manifestLibrary();
  try {
    // Refuse a huge file without reading it; the validation applies the exact character limit.
    const { size } = await stat(file);
    if (size > MAX_MANIFEST_CHARS * 4) {
      io.fail(`${file}:1:1 the file has ${size} bytes; a manifest may have at most ${MAX_MANIFEST_CHARS} characters`);
      return null;
    }
    return await readFile(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    io.fail(`${file}: cannot read the manifest: ${reason}`, 2);
    return null;
  }
}

/** Prints every problem and warning, in file order, as FILE:LINE:COL lines on stderr; returns the problem count. */
export async function printCheck(io: CliIo, check: ManifestCheck): Promise<number> {
  const { formatProblem, formatWarning } = await manifestLibrary();
  const problems = check.ok ? [] : check.problems;
  const lines = [...problems.map((p) => ({ p, text: formatProblem(p) })), ...check.warnings.map((p) => ({ p, text: formatWarning(p) }))];
  lines.sort((a, b) => a.p.line - b.p.line || a.p.column - b.p.column);
  for (const { text } of lines) io.err(text);
  return problems.length;
}

export const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
