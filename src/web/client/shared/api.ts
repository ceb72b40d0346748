/**
 * The typed API client: openapi-fetch over the generated `paths` (src/web/api-types.ts, from openapi.json),
 * base URL /api/v1 is part of every path. Use `call(api.GET('/api/v1/…', {...}))`: it returns the data or
 * throws an `ApiError` for every failure (network loss, a non-JSON answer, any 4xx/5xx), so a page
 * has one `catch` that hands the error to `describeError`.
 */
import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from '../../api-types';
import { ApiError, type ApiErrorBody, parseRetryAfter } from './errors';

export type Schemas = components['schemas'];

/** The officer's access token (memory only); set by session.ts. */
let accessToken: string | null = null;
export const setAccessToken = (token: string | null): void => {
  accessToken = token;
};
/** The access token, for the few calls openapi-fetch cannot make (multipart uploads, blob previews). */
export const getAccessToken = (): string | null => accessToken;

/**
 * Renews the session when an access token has expired (set by session.ts): true when a new token is in
 * place. One renewal at a time, since the refresh token is single use.
 */
let renew: (() => Promise<boolean>) | null = null;
export const setRenewer = (fn: () => Promise<boolean>): void => {
  renew = fn;
};
/** A copy of each signed-in request, to send again once after a 401 with the renewed token. */
const copies = new WeakMap<Request, Request>();

const auth: Middleware = {
  onRequest({ request }) {
    if (accessToken && !request.headers.has('authorization'))
      request.headers.set('authorization', `Bearer ${accessToken}`);
    if (accessToken && !new URL(request.url).pathname.startsWith('/api/v1/auth/'))
      copies.set(request, request.clone());
    return request;
  },
  // an access token lives 15 minutes: an officer who read a report for longer is not sent to sign in
  async onResponse({ request, response }) {
    const copy = copies.get(request);
    if (response.status !== 401 || !copy || !renew || !(await renew())) return response;
    copy.headers.set('authorization', `Bearer ${accessToken}`);
    return fetch(copy);
  },
};

export const api = createClient<paths>({ baseUrl: '' });
api.use(auth);

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** An error answer's body when it is the API's JSON error, else null (a proxy's HTML page, an empty body). */
const errorBody = (error: unknown): ApiErrorBody | null =>
  typeof error === 'object' &&
  error !== null &&
  !Array.isArray(error) &&
  ('code' in error || 'message' in error)
    ? (error as ApiErrorBody)
    : null;

/** The data of a successful call; throws `ApiError` otherwise (status 0 when no answer arrived). */
export async function call<T>(request: Promise<FetchResult<T>>): Promise<T> {
  let result: FetchResult<T>;
  try {
    result = await request;
  } catch (err) {
    // fetch rejects only without an answer (offline, refused, aborted); a 2xx that is not JSON fails to parse
    if (err instanceof SyntaxError) throw new ApiError(200, null);
    throw new ApiError(0, null);
  }
  const { response } = result;
  if (!response.ok)
    throw new ApiError(
      response.status,
      errorBody(result.error),
      parseRetryAfter(response.headers.get('retry-after')),
    );
  return result.data as T;
}
