import type { BoundUseCases } from '../../platform/unit-of-work/index.js';
import { endLapsedHolds } from './end-lapsed-holds.js';
import type { LegalHoldsDeps } from './legal-holds.deps.js';
import { listLegalHolds } from './list-legal-holds.js';
import { openLegalHold } from './open-legal-hold.js';
import { releaseLegalHold } from './release-legal-hold.js';

export const legalHoldsUseCases = { openLegalHold, releaseLegalHold, listLegalHolds, endLapsedHolds };

export type LegalHoldsService = BoundUseCases<LegalHoldsDeps, typeof legalHoldsUseCases>;
