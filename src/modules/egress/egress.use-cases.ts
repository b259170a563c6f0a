import type { BoundUseCases } from '../../platform/unit-of-work/index.js';
import type { EgressDeps } from './egress.deps.js';
import { assertProcessingAllowed, isProcessingAllowed } from './consented-processing.js';
import { releaseAdvertising } from './advertising-release.js';
import { handOver } from './hand-over.js';
import { isMarketingAllowed } from './marketing-check.js';
import { releaseMail } from './mail-release.js';
import { withdrawHandOver } from './withdraw-hand-over.js';

/** Bound once by the app: `app.services.egress.handOver(work, …)`; other modules get it in their deps. */
export const egressUseCases = { handOver, withdrawHandOver, releaseMail, assertProcessingAllowed, isProcessingAllowed, isMarketingAllowed, releaseAdvertising };

export type EgressService = BoundUseCases<EgressDeps, typeof egressUseCases>;
