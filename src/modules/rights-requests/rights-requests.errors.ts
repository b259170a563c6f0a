import { AppError } from '../../platform/errors/index.js';

export const rightsRequestsErrors = {
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
  subjectNotFound: () => new AppError('not_found', 'No account has this id.'),
};
