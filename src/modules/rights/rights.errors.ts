import { AppError } from '../../platform/errors/index.js';
import type { ProcessingKind } from './rights.tables.js';

export const rightsErrors = {
  processingRestricted: (kind: ProcessingKind) =>
    new AppError('forbidden', `This person has restricted the processing of their data (${kind}): it must not be used for this until they lift the restriction.`, { kind }),
  exportNotFound: () => new AppError('not_found', 'No such export.'),
  exportNotReady: () => new AppError('conflict', 'This export is not ready yet. Wait for the e-mail that says it is, then use its link.'),
  badExportLink: () => new AppError('forbidden', 'This download link is not valid. Ask for a new link from your privacy page.'),
  usedExportLink: () => new AppError('gone', 'This download link was already used or has expired. Ask for a new link from your privacy page.'),
  erasureNotFound: () => new AppError('not_found', 'No such erasure, or the link to it is not valid.'),
  wrongPassword: () => new AppError('forbidden', 'The password is not correct. Erasing an account needs its current password.'),
  erasureRunning: () => new AppError('conflict', 'An erasure of this account is already under way.'),
  requestNotFound: () => new AppError('not_found', 'No such request.'),
  badVerifyLink: () => new AppError('bad_request', 'This confirmation link is invalid, has expired or was already used. Send the request again to get a new one.'),
  requestClosed: () => new AppError('conflict', 'This request is already answered; it cannot be changed.'),
  requestUnverified: () => new AppError('conflict', 'The requester has not confirmed their e-mail address yet, so we cannot act on this request.'),
  alreadyExtended: () => new AppError('conflict', 'The deadline of this request was already extended once.'),
  noAccountForRequest: (action: 'erase' | 'export' | 'disclosure') =>
    new AppError(
      'unprocessable',
      action === 'disclosure'
        ? 'No account uses the confirmed e-mail address of this request, so there is no account to record the disclosure against.'
        : `No account uses the confirmed e-mail address of this request, so there is no account to ${action}. Answer the request with Complete or Deny instead.`,
    ),
  noAccountForEmail: () => new AppError('not_found', 'No account uses this e-mail address. Check the spelling; nothing was recorded.'),
  memberNotFound: () => new AppError('not_found', 'No such member in this organisation.'),
  subjectNotFound: () => new AppError('not_found', 'No account has this id.'),
  unknownRecipient: (id: string, known: string[]) =>
    new AppError('unprocessable', `The privacy manifest names no recipient "${id}"${known.length ? ` (it names: ${known.join(', ')})` : ''}. Record disclosures to recipients the policy declares, or publish a policy that declares this one first.`, { recipient: id }),
};
