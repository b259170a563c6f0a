import { AppError } from '../../platform/errors/index.js';
import { describeKind } from './request-intake.js';
import { rightsRequestsErrors } from './rights-requests.errors.js';
import { REQUEST_ACTIONS, type RequestAction, type RequestRow, type RequestStatus } from './rights-requests.tables.js';


const OPEN: readonly RequestStatus[] = ['open', 'in_progress', 'extended'];
type Facts = Pick<RequestRow, 'kind' | 'status' | 'verified_at' | 'extended_at' | 'user_id'>;

/**
 * Why an officer may not do something with a request now, or null when they may. The one rule: the
 * server refuses with this answer, and the request's view lists the actions it allows (the web app
 * offers exactly those).
 */
export function refusal(row: Facts, action: RequestAction): AppError | null {
  if (action === 'disclose') return row.verified_at && row.user_id ? null : rightsRequestsErrors.noAccountForRequest('disclosure');
  if (!OPEN.includes(row.status)) return row.status === 'unverified' ? rightsRequestsErrors.requestUnverified() : rightsRequestsErrors.requestClosed();
  if (!row.verified_at) return rightsRequestsErrors.requestUnverified();
  switch (action) {
    case 'export':
      if (row.kind !== 'access' && row.kind !== 'portability') return wrongKind(row, 'send a data export');
      // In progress means the export was sent: the person asks for a fresh link from their privacy page.
      return row.status === 'in_progress' ? new AppError('conflict', 'The data export was already sent; the person can ask for a fresh link from their privacy page.') : null;
    case 'erase':
      return row.kind === 'erasure' ? null : wrongKind(row, 'erase the account');
    case 'extend':
      return row.extended_at ? rightsRequestsErrors.alreadyExtended() : null;
    case 'complete':
    case 'deny':
      return null;
  }
}

function wrongKind(row: Facts, what: string): AppError {
  return new AppError('conflict', `This is a request for ${describeKind(row.kind)}: it does not ask us to ${what}. Answer it with Complete or Deny.`, { kind: row.kind });
}

export function allowedActions(row: Facts): RequestAction[] {
  return REQUEST_ACTIONS.filter((action) => refusal(row, action) === null);
}

export function assertAllowed(row: Facts, action: RequestAction): void {
  const refused = refusal(row, action);
  if (refused) throw refused;
}
