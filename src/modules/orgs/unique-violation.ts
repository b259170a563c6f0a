import { AppError } from '../../platform/errors/index.js';
import { orgsErrors } from './orgs.errors.js';

/**
 * Two requests racing past the checks meet the unique indexes; answer as the checks would have.
 * Used as `.catch(rethrowUniqueViolation)` on transactions that add members or domains.
 */
export function rethrowUniqueViolation(error: unknown): never {
  if (error instanceof Error && !(error instanceof AppError)) {
    if (/organisation_members_user_id_key/.test(error.message)) throw orgsErrors.alreadyInAnotherOrg();
    if (/organisation_members_pkey/.test(error.message)) throw orgsErrors.alreadyMember();
    if (/organisation_domains_pkey/.test(error.message)) {
      throw new AppError('conflict', 'One of these domains was claimed by another organisation at the same moment. List the organisations to see which, then try again.');
    }
  }
  throw error;
}
