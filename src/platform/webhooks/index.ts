/**
 * Outgoing webhooks: Standard Webhooks signatures and an HTTP client that reaches only public
 * addresses (unless the operator allows others), follows no redirect and gives up after a timeout.
 * Generic: it knows no events or endpoints; the app hands the client to the integrations module.
 */
export { newWebhookSecret, signWebhook, webhookHeaders, SECRET_PREFIX } from './standard-webhooks.js';
export { isPublicAddress } from './public-address.js';
export { createWebhookClient, type WebhookClient, type WebhookClientOptions, type WebhookOutcome, type WebhookRequest } from './webhook-client.js';
