/** The web app's API types come from the server's own OpenAPI document: the fields the pages rely on are in it. */
import { describe, expect, it } from 'vitest';
import { renderApiTypes, serverOpenApiDocument } from '../scripts/api-types.js';

describe('generated API types', () => {
  it('declare the routes and response fields the web app uses, the permission flags included', async () => {
    const types = await renderApiTypes(await serverOpenApiDocument());
    for (const path of ['"/api/me"', '"/api/projects/{id}"', '"/api/projects/{id}/quotes"', '"/api/quotes/{id}/accept"', '"/api/me/exports"']) expect(types).toContain(path);
    for (const field of ['amountCents: number;', 'allowedTransitions: (', 'canAccept: boolean;', 'canAdjust: boolean;', 'canRequest: boolean;', 'canAddFiles: boolean;']) expect(types).toContain(field);
  });
});
