import { z } from 'zod';
import type { HttpServer } from '../http/index.js';
import type { FeatureSwitch } from './feature-gate.js';

const ZFeature = z.object({
  id: z.string(),
  label: z.string(),
  on: z.boolean(),
  /** Why it is off, for people; null while on. */
  reason: z.string().nullable(),
  missingCategories: z.array(z.string()),
  missingFeatures: z.array(z.string()),
});

export const ZFeatures = z.object({
  features: z.array(ZFeature),
  /** The categories the policy in force declares: forms ask only for fields of these. */
  declaredCategories: z.array(z.string()),
});

/** Public: which features the policy in force switches on, so every client shows only those. */
export function registerFeatureRoutes(http: HttpServer, deps: { features: FeatureSwitch; declaredCategories: () => Promise<string[]> }) {
  http.get('/api/features', { schema: { tags: ['features'], response: { 200: ZFeatures } } }, async () => ({
    features: (await deps.features.states()).map((s) => ({ ...s, reason: deps.features.reasonOff(s) })),
    declaredCategories: await deps.declaredCategories(),
  }));
}
