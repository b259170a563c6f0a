export { CARD_NUMBER_MASK, containsCardNumber, findCardNumbers, maskCardNumbers, passesLuhn } from './card-numbers.js';
export { signStripePayload, verifyStripeSignature, STRIPE_TOLERANCE_SECONDS, type SignatureCheck } from './stripe-signature.js';
export { createStripeClient, type CheckoutSessionInput, type OffSessionChargeInput, type StripeClient, type StripeClientOptions } from './stripe-client.js';
