import { AppError } from '../../platform/errors/index.js';

export const rightsErrors = {
  erasureRunning: () => new AppError('conflict', 'An erasure of this account is already under way.'),
  noAccountForEmail: () => new AppError('not_found', 'No account uses this e-mail address. Check the spelling; nothing was recorded.'),
  memberNotFound: () => new AppError('not_found', 'No such member in this organisation.'),
  subjectNotFound: () => new AppError('not_found', 'No account has this id.'),
};
