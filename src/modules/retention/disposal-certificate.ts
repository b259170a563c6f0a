import { createHash } from 'node:crypto';
import { describeCategory, isCategoryId } from '../privacy/index.js';
import type { StepCount } from './retention.tables.js';

export type DisposalCertificate = {
  runId: string;
  /** The moment the run acted as of: every period counted ended by then. */
  asOf: string;
  startedAt: string;
  completedAt: string;
  policyVersion: number;
  disposed: Array<StepCount & { label: string }>;
  totalRows: number;
  totalFiles: number;
};

/** The certificate of a run: what rule removed how many rows and files of which table, never whose. */
export function buildDisposalCertificate(input: { runId: string; asOf: Date; startedAt: Date; completedAt: Date; policyVersion: number; counts: Record<string, StepCount> }): DisposalCertificate {
  const disposed = Object.values(input.counts)
    .filter((c) => c.rows > 0)
    .sort((a, b) => a.table.localeCompare(b.table) || a.category.localeCompare(b.category))
    .map((c) => ({ ...c, label: isCategoryId(c.category) ? describeCategory(c.category).label : c.category }));
  return {
    runId: input.runId,
    asOf: input.asOf.toISOString(),
    startedAt: input.startedAt.toISOString(),
    completedAt: input.completedAt.toISOString(),
    policyVersion: input.policyVersion,
    disposed,
    totalRows: disposed.reduce((n, c) => n + c.rows, 0),
    totalFiles: disposed.reduce((n, c) => n + c.files, 0),
  };
}

/** The certificate's fingerprint, written into the audit chain: a changed certificate no longer matches it. */
export function certificateDigest(certificate: DisposalCertificate): string {
  return createHash('sha256').update(JSON.stringify(certificate)).digest('hex');
}

/** The certificate as plain text, for the CLI and the download. */
export function certificateText(certificate: DisposalCertificate, sha256: string): string {
  const lines = [
    'Meshvault disposal certificate',
    `Run ${certificate.runId}, as of ${certificate.asOf}, policy version ${certificate.policyVersion}`,
    `Started ${certificate.startedAt}, completed ${certificate.completedAt}`,
    '',
    certificate.disposed.length === 0 ? 'Nothing had reached the end of its retention period.' : 'Disposed of, by the manifest\'s retention rules:',
    ...certificate.disposed.map((d) => `  ${d.table} · ${d.label} (${d.category}) · ${d.action}: ${d.rows} row${d.rows === 1 ? '' : 's'}${d.files ? `, ${d.files} file${d.files === 1 ? '' : 's'} crypto-shredded` : ''}`),
    '',
    `Total: ${certificate.totalRows} rows, ${certificate.totalFiles} files.`,
    `SHA-256 ${sha256} (recorded in the audit chain as retention.certified).`,
  ];
  return `${lines.join('\n')}\n`;
}
