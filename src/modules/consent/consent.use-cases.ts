import type { BoundUseCases } from '../../platform/unit-of-work/index.js';
import { advertisingToLoad } from './advertising.js';
import type { ConsentDeps } from './consent.deps.js';
import { consentState } from './consent-state.js';
import { consentStatistics } from './consent-statistics.js';
import { recordConsent, recordGpcSignal } from './record-consent.js';

/** Bound once by the app: `app.services.consent.<useCase>(…)`. */
export const consentUseCases = { consentState, recordConsent, recordGpcSignal, consentStatistics, advertisingToLoad };

export type ConsentService = BoundUseCases<ConsentDeps, typeof consentUseCases>;
