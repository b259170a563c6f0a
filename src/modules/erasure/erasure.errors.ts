import { AppError } from '../../platform/errors/index.js';

export const erasureErrors = {
  erasureNotFound: () => new AppError('not_found', 'No such erasure, or the link to it is not valid.'),
  wrongPassword: () => new AppError('forbidden', 'The password is not correct. Erasing an account needs its current password.'),
};
