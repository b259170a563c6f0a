import type { BoundUseCases } from '../../platform/unit-of-work/index.js';
import { activateMachine } from './activate-machine.js';
import { checkForUpdate, resolveDownload } from './check-for-update.js';
import { checkOutLicenceFile } from './check-out.js';
import { publicKeys, rotateSigningKey, rotateSigningKeyByStaff } from './licence-signing.js';
import type { LicensingDeps } from './licensing.deps.js';
import { deactivateMachine, pingMachine } from './machine-actions.js';
import { createPolicy, createProduct, listPolicies, listProducts, publishRelease } from './manage-catalogue.js';
import { changeLicence, extendLicence, issueLicence, listLicences } from './manage-licences.js';
import { deactivateMyMachine, listMyLicences } from './my-licences.js';
import { assignSeat, listOrgLicences, unassignSeat } from './org-seats.js';
import { validateKey } from './validate-key.js';

/** The licensing use-cases; the app binds them once (`app.services.licensing`). */
export const licensingUseCases = {
  validateKey,
  activateMachine,
  deactivateMachine,
  pingMachine,
  checkOutLicenceFile,
  checkForUpdate,
  resolveDownload,
  publicKeys,
  rotateSigningKey,
  rotateSigningKeyByStaff,
  createProduct,
  listProducts,
  createPolicy,
  listPolicies,
  publishRelease,
  issueLicence,
  changeLicence,
  extendLicence,
  listLicences,
  listMyLicences,
  deactivateMyMachine,
  listOrgLicences,
  assignSeat,
  unassignSeat,
};

export type LicensingService = BoundUseCases<LicensingDeps, typeof licensingUseCases>;
