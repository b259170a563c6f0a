import type { createClient } from './http-client.js';
import type { TestApp } from './test-app.js';

/** A person the tests act as: their account id and address, and a cookie-keeping client signed in as them. */
export type TestUser = { id: Awaited<ReturnType<TestApp['services']['accounts']['createUser']>>['id']; email: string; c: ReturnType<typeof createClient> };
