import { z } from 'zod';
import { defineJob, type ModuleJob } from '../../platform/jobs/index.js';
import { attemptDelivery } from './deliver-event.js';
import type { IntegrationsDeps, IntegrationsWorkDeps } from './integrations.deps.js';

/**
 * `integrations.deliver` v1: one attempt of one delivery (deliver-event.ts). The retry schedule is the
 * delivery's own (each failed attempt queues the next at its time), so pg-boss retries only a crash.
 */
export function defineDeliverJob(deps: IntegrationsDeps & { deliverJob?: unknown }) {
  return defineJob<{ deliveryId: string }>({
    name: 'integrations.deliver',
    version: 1,
    schema: z.object({ deliveryId: z.uuid() }).strict(),
    handler: async ({ deliveryId }) => attemptDelivery(deps as IntegrationsWorkDeps, deliveryId),
    retryLimit: 2,
    retryDelaySeconds: 60,
    expireInSeconds: 300,
    concurrency: 4,
  });
}

/** The module's deps with its delivery job. */
export function createIntegrationsDeps(base: IntegrationsDeps): IntegrationsWorkDeps {
  const deps = { ...base } as IntegrationsWorkDeps;
  deps.deliverJob = defineDeliverJob(deps);
  return deps;
}

/** The integrations module's jobs, for the app to register. */
export function integrationsJobs(deps: IntegrationsWorkDeps): ModuleJob[] {
  return [{ job: deps.deliverJob }];
}
