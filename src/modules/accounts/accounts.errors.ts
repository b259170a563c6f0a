import { AppError } from '../../platform/errors/index.js';

export const accountsErrors = {
  sessionCookieUndeclared: (name: string) =>
    new AppError('unavailable', `Signing in is unavailable: the privacy policy in force declares no "${name}" cookie, and the server sets no cookie its policy does not declare.`),
  badCredentials: () => new AppError('unauthenticated', 'The e-mail address or password is wrong.'),
  lockedOut: (minutes: number) =>
    new AppError('rate_limited', `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}, or reset your password.`, {
      retryAfterMinutes: minutes,
    }),
  emailTaken: () => new AppError('conflict', 'An account with this e-mail address already exists. Sign in, or reset your password.'),
  emailNotVerified: () =>
    new AppError('forbidden', 'Confirm your e-mail address first: we have sent you a new link.', { reason: 'email_not_verified' }),
  beingErased: () => new AppError('forbidden', 'This account is being erased, as was asked; it can no longer be used.', { reason: 'being_erased' }),
  accountGone: () => new AppError('not_found', 'No such account.'),
  closed: () => new AppError('forbidden', 'This account was closed. It is kept archived for the period our privacy policy states, then erased; it can no longer be used.', { reason: 'closed' }),
  suspended: () => new AppError('forbidden', 'This account is suspended. Contact your organisation administrator.', { reason: 'suspended' }),
  badToken: () => new AppError('bad_request', 'This link is invalid or has expired. Ask for a new one.'),
  wrongPassword: () => new AppError('forbidden', 'Your current password is wrong.'),
  signInRequired: () => new AppError('unauthenticated', 'Sign in to continue.'),
  passwordChangeRequired: () =>
    new AppError('forbidden', 'Choose a new password first: the one you signed in with was a one-time password.', { reason: 'password_change_required' }),
  samePassword: () =>
    new AppError('bad_request', 'Choose a password different from the current one.', {
      errors: [{ path: 'body.newPassword', message: 'must be different from the current password' }],
    }),
  passwordsNotDeclared: () =>
    new AppError(
      'unprocessable',
      "This installation's privacy policy does not declare passwords (credentials.password); sign in with an e-mail link.",
      { reason: 'passwords_not_declared', category: 'credentials.password' },
    ),
  signInWithPassword: () =>
    new AppError('unprocessable', "This installation signs in with passwords (its privacy policy declares credentials.password); sign in with your password.", {
      reason: 'password_sign_in',
    }),
  /** Fields the privacy policy does not let us collect: each named with its category, in the shape of a validation error. */
  required: (field: string) => new AppError('bad_request', `${field} is required.`, { errors: [{ path: `body.${field}`, message: 'is required' }] }),
  tooManyLinks: (minutes: number) =>
    new AppError('rate_limited', `Too many sign-in links were asked for this address. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`, {
      retryAfterMinutes: minutes,
    }),
  notAllowed: () => new AppError('forbidden', 'Your role does not allow this.'),
  userNotFound: () => new AppError('not_found', 'No such user.'),
  sessionNotFound: () => new AppError('not_found', 'No such session.'),
};
