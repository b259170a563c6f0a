import type { Work } from '../../platform/unit-of-work/index.js';
import type { ConsentSubject } from './consent.store.js';

/** What the browser may load of third-party advertising: the advertisers released to it (none: load nothing). */
export type AdvertisingRelease = { recipients: Array<{ id: string; name: string }> };

/** Egress's `releaseAdvertising`, handed by the app: the one check, and the disclosure log, in the caller's work. */
export type ReleaseAdvertising = (work: Work, subject: ConsentSubject) => Promise<AdvertisingRelease>;
