import { defineJob, type ModuleJob } from '../../platform/jobs/index.js';
import { notifyChange, ZNotifyPayload, type NotifyChangeJob, type NotifyChangePayload } from './notify-change.js';
import type { PrivacyDeps } from './privacy.deps.js';

/** `privacy.notify-change` v1: e-mails every user the notice of a published change, a page at a time. */
export function defineNotifyChangeJob(deps: PrivacyDeps): NotifyChangeJob {
  return defineJob<NotifyChangePayload>({
    name: 'privacy.notify-change',
    version: 1,
    schema: ZNotifyPayload,
    handler: (payload, ctx) => notifyChange(deps, payload.version, ctx),
    retryLimit: 5,
    expireInSeconds: 3600,
  });
}

/** The privacy module's jobs, each with its schedule, for the app to register. */
export function privacyJobs(deps: { notifyJob: NotifyChangeJob }): ModuleJob[] {
  return [{ job: deps.notifyJob }];
}
