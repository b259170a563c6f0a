import { AppError } from '../../platform/errors/index.js';

export const erasureErrors = {
  erasureNotFound: () => new AppError('not_found', 'No such erasure, or the link to it is not valid.'),
  signInAgain: () =>
    new AppError('forbidden', 'Erasing an account needs a fresh sign-in: sign out, sign in again with the link we e-mail you, then confirm within the time the link lives.', { reason: 'sign_in_again' }),
  wrongPassword: () => new AppError('forbidden', 'The password is not correct. Erasing an account needs its current password.'),
};
