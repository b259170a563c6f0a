import { AppError } from '../../platform/errors/index.js';

export const licensingErrors = {
  productNotFound: () => new AppError('not_found', 'No such product.'),
  policyNotFound: () => new AppError('not_found', 'No such licence policy.'),
  licenceNotFound: () => new AppError('not_found', 'No such licence.'),
  machineNotFound: () => new AppError('not_found', 'No such machine on this licence.'),
  ownerNotFound: () => new AppError('unprocessable', 'No account has that e-mail address: the person must have an account before a licence is issued to them.'),
  productCodeTaken: (code: string) => new AppError('conflict', `A product with the code "${code}" exists already.`, { code }),
  releaseExists: () => new AppError('conflict', 'This version is published already for that channel and platform.'),
  badCredentials: () => new AppError('unauthenticated', 'Send your licence key as "Authorization: License <key>" or your machine token as "Authorization: Bearer <token>".'),
  /** A licence that may not be used now: the Keygen-like code says why (SUSPENDED, EXPIRED, ...). */
  notUsable: (code: string, detail: string) => new AppError('forbidden', detail, { licensingCode: code }),
  tooManyMachines: (max: number) =>
    new AppError('unprocessable', `This licence is activated on ${max} machine${max === 1 ? '' : 's'} already, its limit. Deactivate one first.`, { licensingCode: 'TOO_MANY_MACHINES', maxMachines: max }),
  fingerprintTaken: () => new AppError('conflict', 'This machine is activated on this licence already.', { licensingCode: 'FINGERPRINT_TAKEN' }),
  offlineNotAllowed: () => new AppError('forbidden', 'This licence’s policy does not allow offline use: no licence file can be checked out.', { licensingCode: 'OFFLINE_NOT_ALLOWED' }),
  badVersion: (version: string) => new AppError('bad_request', `"${version}" is not a semantic version such as 1.4.2 or 2.0.0-beta.1.`),
  badDownloadLink: () => new AppError('forbidden', 'This download link is wrong or has expired: ask the app to check for updates again.'),
  ended: (status: string) => new AppError('conflict', `This licence is ${status}; it cannot be changed that way.`, { status }),
  tooManyUsers: (max: number) =>
    new AppError('unprocessable', `Every seat of this licence is taken (${max}). Free a seat first, or ask us for more seats.`, { licensingCode: 'TOO_MANY_USERS', maxUsers: max }),
  userScopeRequired: () =>
    new AppError('unprocessable', 'This is an organisation’s licence: say who activates it ("user": your account id or e-mail address).', { licensingCode: 'USER_SCOPE_REQUIRED' }),
  userScopeMismatch: () => new AppError('forbidden', 'This licence is not attached to this user: ask your organisation’s administrator for a seat.', { licensingCode: 'USER_SCOPE_MISMATCH' }),
  seatTaken: () => new AppError('conflict', 'This member holds a seat of this licence already.', { licensingCode: 'USER_ALREADY_ATTACHED' }),
  seatNotFound: () => new AppError('not_found', 'This member holds no seat of this licence.'),
  notAMember: () => new AppError('unprocessable', 'Only a member of the organisation can hold a seat of its licence.'),
  orgAdminsNotGranted: () => new AppError('forbidden', "This installation's privacy policy does not let organisation administrators manage their members' accounts, so seats are managed by our staff."),
  noSigningKey: () => new AppError('unavailable', 'No licence signing key exists yet.'),
};
