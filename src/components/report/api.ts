// Reading the collector's admin API: URLs built from the report's filters, one fetch with the bearer
// token, and every failure sorted into what the report tells the shop (network, auth, bad-response).
import { ShapeError, type Check } from './validate.js';

/** Why the report could not show its numbers: the `reason` of koubei-report-error. */
export type ReportErrorReason = 'network' | 'auth' | 'bad-response' | 'attribute';
/** Finer than the reason: which message the report shows (date, range, zone: the report's own attributes). */
export type ReportErrorKind = 'network' | 'unavailable' | 'auth' | 'no-token' | 'bad-response' | 'refused' | 'date' | 'range' | 'zone';

export class ReportError extends Error {
  constructor(
    readonly kind: ReportErrorKind,
    message: string,
    readonly status?: number,
    /** Retry-After, in seconds, when the collector gave one. */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'ReportError';
  }
  get reason(): ReportErrorReason {
    const k = this.kind;
    return k === 'auth' || k === 'no-token' ? 'auth' : k === 'network' || k === 'unavailable' ? 'network' : k === 'bad-response' || k === 'refused' ? 'bad-response' : 'attribute';
  }
}

/** The filters every route takes (see src/collector/filters.ts). */
export interface Filters {
  survey?: string;
  from?: string;
  to?: string;
  timeZone?: string;
}

export type Params = Record<string, string | number | undefined | null>;

/**
 * The URL of an admin route: `base` (the collector's base URL; empty for the page's own origin) +
 * `path`, with every defined, non-empty parameter, in the order given (a test can compare URLs).
 * `path` is always one of the element's own literal routes (`/v1/...`), so it is not checked.
 */
export function routeUrl(base: string, path: string, params: Params): string {
  const root = base ? base.replace(/\/+$/, '') : '';
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return `${root}${path}${s ? `?${s}` : ''}`;
}

/** The error body the collector sends, `{ error, code }`, or nothing usable. */
async function errorBody(r: Response): Promise<{ error?: unknown; code?: unknown }> {
  try {
    return Object(await r.json());
  } catch {
    return {};
  }
}

/** Sorts a refused answer: 401 auth, 503 without a token configured auth, other 5xx network, the rest bad-response. */
export async function failureOf(r: Response): Promise<ReportError> {
  const body = await errorBody(r);
  const retry = Number(r.headers.get('retry-after'));
  const text = typeof body.error === 'string' ? body.error : `HTTP ${r.status}`;
  if (r.status === 401 || r.status === 403) return new ReportError('auth', text, r.status);
  if (r.status === 503 && body.code === 'no_token') return new ReportError('no-token', text, r.status);
  if (r.status >= 500) return new ReportError('unavailable', text, r.status, Number.isFinite(retry) && retry > 0 ? retry : undefined);
  return new ReportError('refused', text, r.status);
}

/**
 * Fetches `url` with `Authorization: Bearer <token>` and checks the JSON with `check`. A network
 * failure, a refusal and an answer of the wrong shape each reject with a {@link ReportError}.
 */
export async function request<T>(
  url: string,
  token: string,
  check: Check<T>,
  init: RequestInit = {},
  signal?: AbortSignal,
  /** How to read the body (JSON; the export reads a Blob). */
  read: (r: Response) => Promise<unknown> = (r) => r.json(),
): Promise<T> {
  let r: Response;
  try {
    r = await fetch(url, { ...init, signal, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(init.headers as Record<string, string>) } });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ReportError('network', String((e as Error).message ?? e));
  }
  if (!r.ok) throw await failureOf(r);
  const path = new URL(url, location.href).pathname;
  let body: unknown;
  try {
    body = await read(r);
  } catch {
    throw new ReportError('bad-response', `${path}: not JSON`, r.status);
  }
  try {
    return check(body, path.replace(/^\/v1\//, ''));
  } catch (e) {
    if (e instanceof ShapeError) throw new ReportError('bad-response', e.message, r.status);
    throw e;
  }
}
