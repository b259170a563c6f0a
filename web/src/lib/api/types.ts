/** Names for the server's request and response shapes, read from the generated OpenAPI types. */
import type { paths } from './openapi.js';

export type ApiPath = keyof paths;
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;

/** The JSON a route answers with when it succeeds. */
export type ResponseOf<P extends ApiPath, M extends Method = 'get'> = paths[P][M] extends { responses: infer R } ? Json<R[Extract<keyof R, 200 | 201>]> : never;

/** The JSON body a route takes. */
export type RequestOf<P extends ApiPath, M extends Method> = paths[P][M] extends { requestBody?: infer B } ? Json<NonNullable<B>> : never;

/** The query parameters a route takes. */
export type QueryOf<P extends ApiPath, M extends Method = 'get'> = paths[P][M] extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;
