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
  noSigningKey: () => new AppError('unavailable', 'No licence signing key exists yet.'),
};
