import type { z } from 'zod';
import { formatPath, parseManifestSource, type ManifestProblem, type PathSegment } from './parse.js';
import { ZManifest, type TManifest } from './schema.js';
import { checkManifestSemantics } from './semantic-checks.js';

/** Warnings are printed with the problems but do not make a manifest invalid. */
export type ManifestValidation =
  | { readonly ok: true; readonly manifest: TManifest; readonly warnings: ManifestProblem[] }
  | { readonly ok: false; readonly problems: ManifestProblem[]; readonly warnings: ManifestProblem[] };

function toSegments(path: readonly PropertyKey[]): PathSegment[] {
  return path.map((segment) => (typeof segment === 'number' ? segment : String(segment)));
}

function describeIssue(issue: z.core.$ZodIssue): string {
  return issue.message.replace(/^Invalid input: /, '');
}

/**
 * Reads a manifest file's text and returns the manifest, or every problem at once (YAML syntax,
 * schema, and cross-references), each with its line and column. Never throws on any input.
 */
export function validateManifest(text: string, file: string): ManifestValidation {
  const source = parseManifestSource(typeof text === 'string' ? text : '', file);
  if (source.problems.length > 0) return { ok: false, problems: source.problems, warnings: [] };
  const data = source.data;
  const at = (path: readonly PathSegment[], message: string, kind: ManifestProblem['kind'], key?: string): ManifestProblem => {
    const full = key === undefined ? path : [...path, key];
    return { file, ...source.locate(path, key), path: formatPath(full), message, kind };
  };
  if (data === null || data === undefined) {
    return { ok: false, problems: [at([], 'the file is empty: a manifest is a YAML mapping that starts with "manifest_version: 1"', 'schema')], warnings: [] };
  }
  if (typeof data !== 'object' || Array.isArray(data)) {
    const found = Array.isArray(data) ? 'a list' : `a ${typeof data}`;
    return { ok: false, problems: [at([], `expected a YAML mapping of keys (manifest_version, operator, categories, …), found ${found}`, 'schema')], warnings: [] };
  }
  const problems: ManifestProblem[] = [];
  const parsed = ZManifest.safeParse(data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = toSegments(issue.path);
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) problems.push(at(path, `unknown key "${key}": check its spelling and docs/manifest-reference.md`, 'schema', key));
      } else {
        problems.push(at(path, describeIssue(issue), 'schema'));
      }
    }
  }
  const warnings: ManifestProblem[] = [];
  for (const issue of checkManifestSemantics(data)) (issue.warning ? warnings : problems).push(at(issue.path, issue.message, 'semantic'));
  if (problems.length > 0 || !parsed.success) return { ok: false, problems: sortProblems(problems), warnings: sortProblems(warnings) };
  return { ok: true, manifest: parsed.data, warnings: sortProblems(warnings) };
}

function sortProblems(problems: ManifestProblem[]): ManifestProblem[] {
  const unique = new Map<string, ManifestProblem>();
  for (const problem of problems) unique.set(`${problem.line}:${problem.column}:${problem.path}:${problem.message}`, problem);
  return [...unique.values()].sort((a, b) => a.line - b.line || a.column - b.column);
}

/** `FILE:LINE:COL path: message`, the form editors and CI logs understand. */
export function formatProblem(problem: ManifestProblem): string {
  const where = problem.path ? `${problem.path}: ` : '';
  return `${problem.file}:${problem.line}:${problem.column} ${where}${problem.message}`;
}

/** `FILE:LINE:COL warning: path: message`: printed, but it does not block publishing. */
export function formatWarning(problem: ManifestProblem): string {
  const where = problem.path ? `${problem.path}: ` : '';
  return `${problem.file}:${problem.line}:${problem.column} warning: ${where}${problem.message}`;
}
