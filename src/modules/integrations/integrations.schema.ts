import { z } from 'zod';
import { CREDENTIAL_SCHEMES, EVENT_TYPES, SYSTEMS } from './integrations.tables.js';

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
const ZEventTypes = z.array(z.enum(EVENT_TYPES, { error: `expected event types among ${EVENT_TYPES.join(', ')}` })).max(EVENT_TYPES.length);
const ZUrl = z.url({ error: 'expected an http(s) URL such as https://shop.example.com/hooks/meshvault' }).max(2000);

/** Headers a credential may not take the place of: the signature's, the body's and the connection's own. */
const RESERVED_HEADERS = /^(webhook-.*|content-.*|host|user-agent|authorization|connection|transfer-encoding|cookie)$/i;

/** A named connector's outgoing credential: sent as `Authorization: Bearer …` or in a header of its own, never shown again. */
export const ZCredential = z
  .strictObject({
    scheme: z.enum(CREDENTIAL_SCHEMES, { error: `expected a scheme among ${CREDENTIAL_SCHEMES.join(', ')}` }).default('bearer'),
    /** The header's name for the `header` scheme, such as X-API-Key. */
    header: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/, 'expected a header name such as X-API-Key')
      .refine((h) => !RESERVED_HEADERS.test(h), 'this header is set by the delivery itself')
      .optional(),
    value: z
      .string()
      .trim()
      .min(8, 'must be at least 8 characters')
      .max(4096, 'must be at most 4096 characters')
      .regex(/^[\x21-\x7e]+$/, 'expected printable characters without spaces, as an API key or token is'),
  })
  .refine((c) => (c.scheme === 'header') === (c.header !== undefined), { message: 'name the header for the header scheme, and only for it', path: ['header'] });
export type TCredential = z.infer<typeof ZCredential>;

export const ZCreateConnection = z
  .strictObject({
    name: text(100),
    system: z.enum(SYSTEMS).default('webhook'),
    /** Where events are sent (Standard Webhooks); none: the connection only sends data in. */
    url: ZUrl.optional(),
    eventTypes: ZEventTypes.default([]),
    /** Connect it for the organisation the caller administers, so its members' events go there too. */
    organisationId: z.uuid().optional(),
    /** Issue a token with which the system may send records in (shown once). */
    inbound: z.boolean().default(false),
    /** The credential its system is called with (a named connector: ERP, CRM or e-commerce). */
    credential: ZCredential.optional(),
  })
  .refine((c) => !c.eventTypes.length || c.url, { message: 'a URL is needed to send events to', path: ['url'] })
  .refine((c) => c.url || c.inbound, { message: 'give a URL to send events to, ask for an incoming token, or both', path: ['url'] })
  .refine((c) => !c.inbound || c.system === 'ecommerce', { message: 'only an e-commerce system sends orders in', path: ['inbound'] })
  .refine((c) => !c.credential || (c.url && c.system !== 'webhook'), { message: 'a credential is for a named connector (ERP, CRM or e-commerce) with a URL to call', path: ['credential'] });
export type TCreateConnection = z.infer<typeof ZCreateConnection>;

export const ZUpdateConnection = z.strictObject({
  name: text(100).optional(),
  url: ZUrl.optional(),
  eventTypes: ZEventTypes.optional(),
  enabled: z.boolean().optional(),
  /** A new credential (the old one is destroyed at once), or null to remove it. */
  credential: ZCredential.nullable().optional(),
});
export type TUpdateConnection = z.infer<typeof ZUpdateConnection>;

export const ZConnection = z.object({
  id: z.uuid(),
  name: z.string(),
  system: z.enum(SYSTEMS),
  url: z.string().nullable(),
  eventTypes: z.array(z.enum(EVENT_TYPES)),
  status: z.enum(['enabled', 'disabled', 'disconnected']),
  disabledReason: z.string().nullable(),
  organisationId: z.uuid().nullable(),
  /** How its stored credential is sent, and its last characters; never the credential itself. */
  credential: z.object({ scheme: z.enum(CREDENTIAL_SCHEMES), header: z.string().nullable(), hint: z.string() }).nullable(),
  /** Where the system sends records in, when it has a token. */
  inboundUrl: z.string().nullable(),
  createdAt: z.date(),
});
export type TConnection = z.infer<typeof ZConnection>;

/** Shown once, when created or rotated: the signing secret (`whsec_…`) and the incoming token. */
export const ZConnectionSecrets = z.object({ connection: ZConnection, secret: z.string().nullable(), inboundToken: z.string().nullable() });

export const ZDelivery = z.object({
  id: z.uuid(),
  eventId: z.string(),
  eventType: z.string(),
  occurredAt: z.date(),
  status: z.enum(['pending', 'succeeded', 'failed', 'refused', 'cancelled']),
  attempts: z.number().int(),
  nextAttemptAt: z.date().nullable(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.date(),
});
export type TDelivery = z.infer<typeof ZDelivery>;

/** An order from a connected online shop, as its webhook or export sends it. */
export const ZInboundOrder = z.strictObject({
  externalId: text(200),
  placedAt: z.iso.datetime({ offset: true, error: 'expected an ISO 8601 date-time such as 2026-12-05T10:00:00Z' }),
  status: text(50).optional(),
  currency: z.string().regex(/^[A-Za-z]{3}$/, 'expected a three-letter currency code such as EUR').transform((c) => c.toUpperCase()),
  totalCents: z.number().int().min(0),
  customer: z.strictObject({ name: text(200).optional(), email: z.email().max(254).optional() }).optional(),
  lines: z
    .array(z.strictObject({ sku: text(100).optional(), name: text(300), quantity: z.number().int().min(1).max(1_000_000), unitPriceCents: z.number().int().min(0) }))
    .min(1, 'an order needs at least one line')
    .max(500),
});
export type TInboundOrder = z.infer<typeof ZInboundOrder>;
