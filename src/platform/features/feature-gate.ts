import { AppError } from '../errors/index.js';
import type { HttpServer } from '../http/index.js';
import type { JobDefinition, JobPayload, ModuleJob } from '../jobs/index.js';
import { offReason, type FeatureState } from './define-features.js';

/** Answers whether a feature is on under the policy in force (asked per request: a publish may switch it). */
export type FeatureSwitch = {
  states(): Promise<FeatureState[]>;
  state(id: string): Promise<FeatureState>;
  /** Throws `feature_off` naming what the policy lacks, unless the feature is on. */
  assertOn(id: string): Promise<void>;
  /** Why a feature is off, for people; null while it is on. */
  reasonOff(state: FeatureState): string | null;
};

export function createFeatureSwitch(states: () => Promise<FeatureState[]>, describe?: (category: string) => string): FeatureSwitch {
  async function state(id: string): Promise<FeatureState> {
    const found = (await states()).find((s) => s.id === id);
    if (!found) throw new Error(`Unknown feature ${id}.`);
    return found;
  }
  return {
    states,
    state,
    reasonOff: (s) => (s.on ? null : offReason(s, describe)),
    assertOn: async (id) => {
      const s = await state(id);
      if (!s.on) throw new AppError('feature_off', offReason(s, describe), { feature: s.id, missingCategories: s.missingCategories, missingFeatures: s.missingFeatures });
    },
  };
}

/**
 * Registers a module's routes in their own scope, whose every request is refused with `feature_off`
 * while the feature is off: no route of the feature can be reached past it, whatever its path.
 */
export async function registerGatedRoutes(http: HttpServer, features: FeatureSwitch, id: string, register: (scope: HttpServer) => unknown): Promise<void> {
  await http.register(async (scope) => {
    // After the parent's hooks (request id, session): the refusal is an ordinary problem answer.
    scope.addHook('onRequest', async () => features.assertOn(id));
    await register(scope as unknown as HttpServer);
  });
}

/** The job, doing nothing while its feature is off: queued work waits for nobody, scheduled runs pass. */
function featureJob<P extends JobPayload>(job: JobDefinition<P>, features: FeatureSwitch, id: string): JobDefinition<P> {
  return {
    ...job,
    handler: async (payload, ctx) => {
      const state = await features.state(id);
      if (!state.on) {
        ctx.log.info({ feature: id }, 'feature is off under the policy in force; job skipped');
        return;
      }
      await job.handler(payload, ctx);
    },
  };
}

/** A module's jobs (its <domain>.jobs.ts list), each gated by the feature. */
export function featureJobs(entries: readonly ModuleJob[], features: FeatureSwitch, id: string): ModuleJob[] {
  return entries.map((entry) => ({ ...entry, job: featureJob(entry.job, features, id) }) as ModuleJob);
}

/**
 * A hook another module calls (after an address is verified, say), doing nothing while its feature is
 * off: a domain claimed while organisations were on adds no member once the policy drops them.
 */
export function featureHook<A extends unknown[]>(features: FeatureSwitch, id: string, hook: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args) => {
    if ((await features.state(id)).on) await hook(...args);
  };
}
