import { z } from 'zod';
import type { AuthHooks, HttpServer } from '../../platform/http/index.js';
import type { InstallationCheck } from './check-installation.js';

const ZCheck = z.object({
  ok: z.boolean(),
  checkedAt: z.string(),
  policyVersion: z.number().int(),
  checks: z.array(z.object({ id: z.string(), title: z.string(), ok: z.boolean(), problems: z.array(z.string()), notes: z.array(z.string()) })),
});

/** The officers' page of the privacy check (the same as `meshvault privacy check --json`). */
export function registerConformanceRoutes(app: HttpServer, deps: { check: () => Promise<InstallationCheck>; auth: AuthHooks }) {
  app.get('/api/privacy-officer/privacy-check', { preHandler: deps.auth.requireRole('privacy_officer', 'admin'), schema: { tags: ['privacy officer'], response: { 200: ZCheck } } }, async () => deps.check());
}
