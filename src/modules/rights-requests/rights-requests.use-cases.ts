import type { BoundUseCases } from '../../platform/unit-of-work/index.js';
import { completeRequest, denyRequest, eraseForRequest, exportForRequest, extendRequest, listRequests, requestMetrics } from './officer-requests.js';
import { requestCorrection, submitRequest, verifyRequest } from './request-intake.js';
import { sendRequestReminders } from './request-reminders.js';
import type { RightsRequestsDeps } from './rights-requests.deps.js';

/** The module's use-cases, for the app to bind once to their deps (`bindUseCases`). */
export const rightsRequestsUseCases = {
  submitRequest,
  verifyRequest,
  requestCorrection,
  listRequests,
  extendRequest,
  denyRequest,
  completeRequest,
  eraseForRequest,
  exportForRequest,
  requestMetrics,
  sendReminders: sendRequestReminders,
};

export type RightsRequestsService = BoundUseCases<RightsRequestsDeps, typeof rightsRequestsUseCases>;
