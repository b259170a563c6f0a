import { z } from 'zod';

const line = (max: number) => z.string().trim().min(1).max(max);

/**
 * Where mail by post goes: asked only of people opting in by post, where the policy offers post and
 * declares postal addresses. Here because the sign-up form sends it (accounts hands it to marketing's
 * hooks in the sign-up's work); marketing's preferences page validates with the same schema.
 */
export const ZPostalAddress = z.strictObject({
  line1: line(200),
  line2: line(200).nullable().optional(),
  postalCode: line(20),
  city: line(100),
  region: line(100).nullable().optional(),
  country: line(100),
});
export type TPostalAddress = z.infer<typeof ZPostalAddress>;
