import { z } from 'zod';
import type { AuthHooks, HttpServer } from '../../platform/http/index.js';
import { principalOf, requestContext } from '../../platform/http/index.js';
import { ZCampaign, ZCampaignInput, ZOffer, ZPreferences, ZPreview, ZSetPreferences } from './marketing.schema.js';
import type { MarketingService } from './marketing.use-cases.js';

const tags = ['marketing'];
const ZParams = z.object({ id: z.uuid() });

/** The preferences page's API, the staff campaign editor's, and the organisation admins' view. */
export function registerMarketingRoutes(app: HttpServer, deps: { marketing: MarketingService; auth: AuthHooks }) {
  const { marketing, auth } = deps;
  const staff = auth.requireRole('marketing', 'admin');

  // Public: the sign-up form shows these ticks before there is an account.
  app.get('/api/marketing/options', { schema: { tags, response: { 200: ZOffer } } }, async () => marketing.marketingOptions());
  app.get('/api/me/marketing', { preHandler: auth.requireUser, schema: { tags, response: { 200: ZPreferences } } }, async (request) =>
    marketing.myMarketingPreferences(principalOf(request), requestContext(request)),
  );
  app.put('/api/me/marketing', { preHandler: auth.requireUser, schema: { tags, body: ZSetPreferences, response: { 200: ZPreferences } } }, async (request) =>
    marketing.setMyMarketingPreferences(principalOf(request), request.body, requestContext(request)),
  );
  app.get(
    '/api/orgs/:orgId/members/marketing',
    {
      preHandler: auth.requireUser,
      schema: {
        tags,
        params: z.object({ orgId: z.uuid() }),
        response: { 200: z.object({ members: z.array(z.object({ userId: z.uuid(), name: z.string(), email: z.string(), choices: ZPreferences.shape.choices, interestBasedAds: z.boolean().nullable() })) }) },
      },
    },
    async (request) => marketing.memberMarketingPreferences(principalOf(request), request.params.orgId, requestContext(request)),
  );

  app.get('/api/marketing/campaigns', { preHandler: staff, schema: { tags, response: { 200: z.object({ campaigns: z.array(ZCampaign) }) } } }, async () => ({ campaigns: await marketing.listCampaigns() }));
  app.post('/api/marketing/campaigns', { preHandler: staff, schema: { tags, body: ZCampaignInput, response: { 201: ZCampaign } } }, async (request, reply) =>
    reply.status(201).send(await marketing.createCampaign(principalOf(request), request.body, requestContext(request))),
  );
  app.get('/api/marketing/campaigns/:id', { preHandler: staff, schema: { tags, params: ZParams, response: { 200: ZCampaign } } }, async (request) => marketing.getCampaign(request.params.id));
  app.put('/api/marketing/campaigns/:id', { preHandler: staff, schema: { tags, params: ZParams, body: ZCampaignInput, response: { 200: ZCampaign } } }, async (request) =>
    marketing.updateCampaign(principalOf(request), request.params.id, request.body, requestContext(request)),
  );
  app.get('/api/marketing/campaigns/:id/preview', { preHandler: staff, schema: { tags, params: ZParams, response: { 200: ZPreview } } }, async (request) =>
    marketing.previewCampaign(principalOf(request), request.params.id),
  );
  app.post('/api/marketing/campaigns/:id/send', { preHandler: staff, schema: { tags, params: ZParams, response: { 202: ZCampaign } } }, async (request, reply) =>
    reply.status(202).send(await marketing.sendCampaign(principalOf(request), request.params.id, requestContext(request))),
  );
  app.get('/api/marketing/campaigns/:id/contacts.csv', { preHandler: staff, schema: { tags, params: ZParams, produces: ['text/csv'] } }, async (request, reply) => {
    const body = await marketing.campaignContactList(principalOf(request), request.params.id, requestContext(request));
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="campaign-${request.params.id}.csv"`)
      .header('cache-control', 'no-store')
      .send(body);
  });
}
