import { AppError } from '../../platform/errors/index.js';
import type { Principal } from '../../platform/http/index.js';
import { certificateText, type DisposalCertificate } from './disposal-certificate.js';
import type { RetentionBaseDeps } from './retention.deps.js';
import * as store from './retention.store.js';

export type CertificateSummary = { runId: string; asOf: string; completedAt: string; policyVersion: number; rows: number; files: number; sha256: string };

const OFFICERS = new Set(['privacy_officer', 'admin']);

/** Runs' certificates, newest first. The officer's reading is no read of anyone's data (a certificate names no one). */
export async function listDisposalCertificates(deps: RetentionBaseDeps, principal: Pick<Principal, 'role'> | null, opts: { limit?: number } = {}): Promise<CertificateSummary[]> {
  guard(principal);
  const runs = await store.listCompletedRuns(deps.db, Math.min(Math.max(opts.limit ?? 100, 1), 1000));
  return runs.map((run) => {
    const counts = Object.values(run.progress.counts);
    return {
      runId: run.id,
      asOf: run.as_of.toISOString(),
      completedAt: (run.completed_at ?? run.started_at).toISOString(),
      policyVersion: run.policy_version,
      rows: counts.reduce((n, c) => n + c.rows, 0),
      files: counts.reduce((n, c) => n + c.files, 0),
      sha256: run.certificate_sha256 ?? '',
    };
  });
}

/** One run's certificate, as data and as the text officers download. */
export async function readDisposalCertificate(deps: RetentionBaseDeps, principal: Pick<Principal, 'role'> | null, runId: string) {
  guard(principal);
  const run = await store.findCompletedRun(deps.db, runId);
  if (!run || !run.certificate) throw new AppError('not_found', 'No completed retention run has this id.', { runId });
  const certificate = run.certificate as unknown as DisposalCertificate;
  const sha256 = run.certificate_sha256 ?? '';
  return { certificate, sha256, text: certificateText(certificate, sha256) };
}

/** The CLI (null principal) is the operator; over HTTP, officers and admins only. */
function guard(principal: Pick<Principal, 'role'> | null) {
  if (principal && !OFFICERS.has(principal.role)) throw new AppError('forbidden', 'Only privacy officers read disposal certificates.');
}
