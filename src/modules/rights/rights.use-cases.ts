import type { BoundUseCases } from '../../platform/unit-of-work/index.js';
import { recordDisclosure } from './disclosures.js';
import { eraseMember, exportMember, listMemberRights } from './org-member-rights.js';
import { listMemberRequests } from './member-requests.js';
import { myPrivacyDashboard } from './privacy-dashboard.js';
import { setRestriction } from './restriction.js';
import type { RightsDeps } from './rights.deps.js';

/** The module's use-cases, for the app to bind once to their deps (`bindUseCases`). */
export const rightsUseCases = {
  dashboard: myPrivacyDashboard,
  setRestriction,
  recordDisclosure,
  exportMember,
  eraseMember,
  listMemberRights,
  listMemberRequests,
};

export type RightsService = BoundUseCases<RightsDeps, typeof rightsUseCases>;
