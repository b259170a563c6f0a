import { createHash } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { expect } from 'vitest';
import { handlerReceived } from '../../test-support/handler-received.js';
import type { TestApp } from '../../test-support/test-app.js';
import type { TestUser } from '../../test-support/test-user.js';

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** What a browser sends with every request: the session and its CSRF token. */
export async function authHeaders(user: TestUser): Promise<Record<string, string>> {
  const cookie = [...user.c.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  return { cookie, 'x-csrf-token': (await user.c.csrfToken()) ?? '', 'tus-resumable': '1.0.0' };
}

export async function tusCreate(app: TestApp, user: TestUser, projectId: string, filename: string, length: number) {
  return app.http.inject({
    method: 'POST',
    url: `/api/projects/${projectId}/uploads`,
    headers: { ...(await authHeaders(user)), 'upload-length': String(length), 'upload-metadata': `filename ${Buffer.from(filename).toString('base64')}` },
  });
}

export async function tusHead(app: TestApp, user: TestUser, location: string) {
  return app.http.inject({ method: 'HEAD', url: location, headers: await authHeaders(user) });
}

export async function tusPatch(app: TestApp, user: TestUser, location: string, offset: number, body: Buffer) {
  return app.http.inject({
    method: 'PATCH',
    url: location,
    headers: { ...(await authHeaders(user)), 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream' },
    payload: body,
  });
}

/** Creates an upload and sends the whole file in one PATCH; returns the new file's id. */
export async function uploadWhole(app: TestApp, user: TestUser, projectId: string, filename: string, bytes: Buffer) {
  const created = await tusCreate(app, user, projectId, filename, bytes.length);
  expect(created.statusCode, created.body).toBe(201);
  const location = created.headers.location as string;
  const res = await tusPatch(app, user, location, 0, bytes);
  expect(res.statusCode, res.body).toBe(204);
  return location.split('/').pop()!;
}

/**
 * A PATCH over a real socket that sends `body`, fewer than the `declaredBytes` it announced, and breaks,
 * as a dropped connection would: once the server's handler has taken every byte sent, the socket is
 * destroyed. Resolves then, or when the server answers first (a refused PATCH).
 */
export async function brokenPatch(port: number, user: TestUser, location: string, offset: number, body: Buffer, declaredBytes: number) {
  const headers = await authHeaders(user);
  const server = handlerReceived((request) => request.method === 'PATCH' && request.url === location, body.length);
  await new Promise<void>((resolve) => {
    const req = httpRequest({
      host: '127.0.0.1',
      port,
      method: 'PATCH',
      path: location,
      headers: { ...headers, 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream', 'content-length': String(declaredBytes) },
    });
    req.on('error', () => {
      server.cancel();
      resolve();
    });
    req.on('response', (res) => {
      res.resume();
      server.cancel();
      resolve();
    });
    req.write(body);
    void server.received.then(() => {
      req.destroy();
      resolve();
    });
  });
}

/** Runs the analysis job the finished upload queued (and nothing else may be due) now; the file's result. */
export async function analyse(app: TestApp, fileId: string) {
  expect(await app.jobs.drain()).toEqual({ completed: { 'files.analyze.v1': 1 }, failed: [] });
  return app.db.selectFrom('files').select(['status', 'rejection_reason']).where('id', '=', fileId).executeTakeFirstOrThrow();
}
