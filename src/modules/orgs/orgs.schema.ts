import { z } from 'zod';

const DOMAIN = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])$/;

export const ZDomain = z
  .string()
  .max(253)
  .transform((d) => d.trim().toLowerCase())
  .refine((d) => DOMAIN.test(d), { error: 'must be a domain name like example.com (no @, no https://)' });

const ZEmail = z.email('must be an e-mail address').max(254).transform((e) => e.trim().toLowerCase());

export const ZCreateOrg = z.object({
  name: z.string().trim().min(1, 'is required').max(200),
  domains: z.array(ZDomain).max(50, 'at most 50 domains').default([]),
  adminEmail: ZEmail.optional(),
});
export type TCreateOrg = z.infer<typeof ZCreateOrg>;

export const ZInvite = z.object({ email: ZEmail });
export const ZInvitationToken = z.object({ token: z.string().min(20).max(200) });

export const ZOrgRole = z.enum(['admin', 'member']);

export const ZOrgSummary = z.object({ id: z.uuid(), name: z.string(), domains: z.array(z.string()), memberCount: z.number() });
export const ZMyOrg = z.object({ id: z.uuid(), name: z.string(), role: ZOrgRole });
export const ZOrgMembership = ZMyOrg.extend({ notice: z.string() });
export const ZMember = z.object({
  userId: z.uuid(),
  name: z.string(),
  email: z.string(),
  role: ZOrgRole,
  status: z.enum(['active', 'suspended']),
  joinedAt: z.date(),
});
export const ZPendingInvitation = z.object({ id: z.uuid(), email: z.string(), createdAt: z.date(), expiresAt: z.date() });
