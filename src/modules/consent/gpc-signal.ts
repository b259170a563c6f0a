import type { FastifyRequest } from 'fastify';

/** The Global Privacy Control header (https://privacycg.github.io/gpc-spec/): exactly "1" is the signal. */
export function sendsGpc(request: FastifyRequest): boolean {
  return request.headers['sec-gpc'] === '1';
}
