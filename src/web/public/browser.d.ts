// Types of the browser scripts (type-checked by `tsc -p src/web/public`, part of `npm run lint`; never
// served). The API contract comes from ../api-types.ts, generated from openapi.json: a call to
// `Rongrian.api(method, path, body)` is checked against the route's method, path, body and response.
import type { components, paths } from '../api-types';

declare global {
  /** The shapes of the API (openapi.json `components.schemas`). */
  type Schemas = components['schemas'];
  type ApiErrorBody = Schemas['ErrorBody'];
  type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

  /** Every route under /api/v1 as the scripts write it, e.g. `/complaints/{id}/accept`. */
  type ApiRoute = { [K in keyof paths]: K extends `/api/v1${infer P}` ? P : never }[keyof paths];
  /** `/complaints/{id}` → `/complaints/${string}`: what a template literal with the id gives. */
  type RoutePattern<P extends string> = P extends `${infer A}{${string}}${infer B}`
    ? `${A}${string}${RoutePattern<B>}`
    : P;
  type Operation<R extends ApiRoute, M extends HttpMethod> = paths[`/api/v1${R}`][Lowercase<M>];
  /** The routes that answer a method: their patterns, with or without a query string. */
  type ApiPath<M extends HttpMethod> = {
    [R in ApiRoute]: [Operation<R, M>] extends [undefined]
      ? never
      : RoutePattern<R> | `${RoutePattern<R>}?${string}`;
  }[ApiRoute];
  type WithoutQuery<S extends string> = S extends `${infer P}?${string}` ? P : S;
  type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
  /** The one route a path written by a script stands for (its pattern equals the path's type). */
  type RouteOf<S extends string> = S extends unknown
    ? { [R in ApiRoute]: Same<WithoutQuery<S>, RoutePattern<R>> extends true ? R : never }[ApiRoute]
    : never;
  /** The complaint actions that are routes of their own: `accept`, `mark-duplicate`, … */
  type ComplaintActionRoute = Exclude<
    ApiRoute extends infer R ? (R extends `/complaints/{id}/${infer A}` ? A : never) : never,
    'deadline' | 'notes' | 'extend-deadline'
  >;
  type JsonOf<X> = X extends { content: { 'application/json': infer T } } ? T : null;
  type SuccessOf<O> = O extends { responses: infer Rs }
    ? { [C in keyof Rs]: C extends 200 | 201 | 202 | 204 ? JsonOf<Rs[C]> : never }[keyof Rs]
    : never;
  type BodyOf<O> = O extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;
  /** The JSON answer of `method path`. */
  type ApiResponse<M extends HttpMethod, S extends string> = SuccessOf<NonNullable<Operation<RouteOf<S>, M>>>;
  /** The JSON body `method path` takes (never when it takes none). */
  type ApiBody<M extends HttpMethod, S extends string> = BodyOf<NonNullable<Operation<RouteOf<S>, M>>>;

  /**
   * The arguments after the path: the body and headers when `method path` is a route of openapi.json;
   * otherwise an argument no value fits, so the call does not type-check (a path that only looks like
   * a route, e.g. `/complaints/${id}/acept`, or a method the route does not answer).
   */
  type ApiArgs<M extends HttpMethod, S extends string> = [NonNullable<Operation<RouteOf<S>, M>>] extends [
    never,
  ]
    ? [notARouteOfTheDocument: never]
    : [body?: ApiBody<M, S> | null, headers?: Record<string, string>];
  /** `Rongrian.api` and the console's signed-in `api`: one call of the API, checked against openapi.json. */
  type ApiCall = <M extends HttpMethod, S extends ApiPath<M>>(
    method: M,
    path: S,
    ...rest: ApiArgs<M, S>
  ) => Promise<ApiResponse<M, S>>;

  /** What `Rongrian.api` throws: the HTTP status and error body, or none of them when the network failed. */
  interface ApiError extends Error {
    /** 0 when no answer came (network failure) */
    status: number;
    /** the standard error body, or null when the answer was not JSON (a proxy's page) */
    body: ApiErrorBody | null;
    /** seconds from the Retry-After header, when there was one */
    retryAfter?: number;
    /** the officer console's marker for "the session ended; the sign-in form is showing" */
    signedOut?: boolean;
  }

  /** Field names (as in `details[].field`) → the label the page shows for them. */
  type FieldLabels = Record<string, string>;

  /** An element found by id: most are form controls; links and forms use `href` and `reset`. */
  type PageElement = HTMLInputElement & Pick<HTMLAnchorElement, 'href'> & Pick<HTMLFormElement, 'reset'>;

  /** The officer console's small forms (officer.js `form`). */
  interface FieldSpec {
    /** the body field; `a.b` nests */
    name: string;
    th: string;
    en: string;
    /** text (default), textarea, date, select or checkbox */
    type?: string;
    /** [value, label] pairs of a select */
    options?: string[][];
    required?: boolean;
    placeholder?: string;
  }
  type FormValues = { [name: string]: string | boolean | FormValues };
  interface FormSpec {
    fields: FieldSpec[];
    label?: string;
    build?: (values: FormValues) => unknown;
    /** sends what the officer typed: the form's values are strings, so the route's DTO checks them */
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- typed by each `api()` call it makes
    send: (body: any) => Promise<unknown>;
  }
  interface ActionSpec {
    label: string;
    form: () => HTMLElement;
  }

  interface Window {
    Rongrian: typeof Rongrian;
  }
}
