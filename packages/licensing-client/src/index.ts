export { createLicensingClient, LicensingApiError, type LicensingClient, type LicensingClientOptions, type Validation, type ValidationCode, type Machine, type Upgrade, type CheckedOutFile, type PublicKeys, type HeartbeatLoop } from './client.js';
export { verifyLicenceFile, type LicenceFileResult, type LicenceFileFailure, type LicenceFileDocument, type VerifyOptions } from './licence-file.js';
