import { AppError } from '../../platform/errors/index.js';
import type { ProcessingKind } from './rights.tables.js';

export const rightsErrors = {
  processingRestricted: (kind: ProcessingKind) =>
    new AppError('forbidden', `This person has restricted the processing of their data (${kind}): it must not be used for this until they lift the restriction.`, { kind }),
  erasureRunning: () => new AppError('conflict', 'An erasure of this account is already under way.'),
  noAccountForEmail: () => new AppError('not_found', 'No account uses this e-mail address. Check the spelling; nothing was recorded.'),
  memberNotFound: () => new AppError('not_found', 'No such member in this organisation.'),
  subjectNotFound: () => new AppError('not_found', 'No account has this id.'),
  unknownRecipient: (id: string, known: string[]) =>
    new AppError('unprocessable', `The privacy manifest names no recipient "${id}"${known.length ? ` (it names: ${known.join(', ')})` : ''}. Record disclosures to recipients the policy declares, or publish a policy that declares this one first.`, { recipient: id }),
};
