import type { CookieCategory } from '../privacy/index.js';

/**
 * What a consent record is about. A cookie category of the banner (`cookies:analytics`), a
 * consent-based purpose of the manifest (`purpose:website_analytics`), a marketing purpose's topic on
 * one channel (`marketing:<purpose>:<topic>:<channel>`), or the opt-out of sale,
 * sharing and targeted advertising that Global Privacy Control signals (`sale_sharing`).
 */
export const cookieScope = (category: CookieCategory) => `cookies:${category}`;
export const purposeScope = (purposeId: string) => `purpose:${purposeId}`;
export const SALE_SHARING_SCOPE = 'sale_sharing';
/** A marketing choice: one purpose's topic on one channel (`marketing:marketing:newsletter:email`). */
export const marketingScope = (purposeId: string, topic: string, channel: string) => `marketing:${purposeId}:${topic}:${channel}`;
