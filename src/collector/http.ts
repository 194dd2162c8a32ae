// The collector's HTTP plumbing: one way to refuse (a status and `{ error, code, issues? }` in the
// request's language), reading a body within a limit, and CORS.
import type { IncomingMessage, ServerResponse } from 'node:http';

export type Lang = 'en' | 'zh-CN' | 'zh-TW';

/** Texts of every refusal, by code. `{x}` is filled from the error's values. */
const TEXTS: Record<string, Record<Lang, string>> = {
  not_found: { en: 'no route {method} {path}', 'zh-CN': '没有这个接口：{method} {path}', 'zh-TW': '沒有這個介面：{method} {path}' },
  method: { en: '{path} does not take {method}', 'zh-CN': '{path} 不支持 {method}', 'zh-TW': '{path} 不支援 {method}' },
  too_large: {
    en: 'the body is larger than {limit} bytes; nothing was stored',
    'zh-CN': '请求体超过 {limit} 字节，未保存任何内容',
    'zh-TW': '請求內容超過 {limit} 位元組，未儲存任何內容',
  },
  media_type: {
    en: 'Content-Type must be application/json, got {type}',
    'zh-CN': 'Content-Type 必须是 application/json，收到的是 {type}',
    'zh-TW': 'Content-Type 必須是 application/json，收到的是 {type}',
  },
  utf8: { en: 'the body is not valid UTF-8', 'zh-CN': '请求体不是有效的 UTF-8', 'zh-TW': '請求內容不是有效的 UTF-8' },
  json: { en: 'the body is not JSON: {detail}', 'zh-CN': '请求体不是 JSON：{detail}', 'zh-TW': '請求內容不是 JSON：{detail}' },
  invalid_batch: { en: 'invalid batch', 'zh-CN': '批次格式无效', 'zh-TW': '批次格式無效' },
  invalid_body: { en: 'invalid body', 'zh-CN': '请求内容无效', 'zh-TW': '請求內容無效' },
  idempotency: {
    en: 'Idempotency-Key {key} was used for other responses',
    'zh-CN': 'Idempotency-Key {key} 已用于其他回答',
    'zh-TW': 'Idempotency-Key {key} 已用於其他回答',
  },
  rate_limit: {
    en: 'too many requests from this client; retry after {seconds} s',
    'zh-CN': '此客户端请求过多，请 {seconds} 秒后重试',
    'zh-TW': '此用戶端請求過多，請 {seconds} 秒後重試',
  },
  unavailable: {
    en: 'the database is unreachable; nothing was stored, retry after {seconds} s',
    'zh-CN': '数据库暂时无法连接，未保存任何内容，请 {seconds} 秒后重试',
    'zh-TW': '資料庫暫時無法連線，未儲存任何內容，請 {seconds} 秒後重試',
  },
  internal: { en: 'internal error; nothing was stored', 'zh-CN': '内部错误，未保存任何内容', 'zh-TW': '內部錯誤，未儲存任何內容' },
  origin: {
    en: 'origin {origin} is not allowed; start the collector with --allow-origin {origin}',
    'zh-CN': '不允许来源 {origin}；请用 --allow-origin {origin} 启动收集器',
    'zh-TW': '不允許來源 {origin}；請用 --allow-origin {origin} 啟動收集器',
  },
  no_token: {
    en: 'admin routes are off: start the collector with --admin-token or the KOUBEI_ADMIN_TOKEN environment variable',
    'zh-CN': '管理接口未开启：请用 --admin-token 或环境变量 KOUBEI_ADMIN_TOKEN 启动收集器',
    'zh-TW': '管理介面未開啟：請用 --admin-token 或環境變數 KOUBEI_ADMIN_TOKEN 啟動收集器',
  },
  auth: {
    en: 'a valid admin token is required: Authorization: Bearer <token>',
    'zh-CN': '需要有效的管理令牌：Authorization: Bearer <token>',
    'zh-TW': '需要有效的管理權杖：Authorization: Bearer <token>',
  },
  param: { en: 'parameter {name}: {detail}', 'zh-CN': '参数 {name}：{detail}', 'zh-TW': '參數 {name}：{detail}' },
  unknown_param: {
    en: 'unknown parameter {name}{hint}',
    'zh-CN': '未知参数 {name}{hint}',
    'zh-TW': '未知參數 {name}{hint}',
  },
  no_response: { en: 'no response with id {id}', 'zh-CN': '没有 id 为 {id} 的回答', 'zh-TW': '沒有 id 為 {id} 的回答' },
};

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly values: Record<string, string | number> = {},
    readonly issues?: string[],
    readonly headers: Record<string, string> = {},
  ) {
    super(fill(TEXTS[code]?.en ?? code, values));
  }
}

const fill = (text: string, values: Record<string, string | number>) => text.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));

/** The request's language from Accept-Language: Chinese by script (Hant/TW/HK/MO → traditional), else English. */
export function requestLang(req: IncomingMessage): Lang {
  const first = String(req.headers['accept-language'] ?? '').split(',')[0].trim().toLowerCase();
  if (!first.startsWith('zh')) return 'en';
  return /hant|tw|hk|mo/.test(first) ? 'zh-TW' : 'zh-CN';
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) return void res.end();
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers, 'content-length': String(Buffer.byteLength(text)) });
  res.end(text);
}

export function sendError(req: IncomingMessage, res: ServerResponse, e: HttpError): void {
  const body: Record<string, unknown> = { error: fill(TEXTS[e.code]?.[requestLang(req)] ?? e.message, e.values), code: e.code };
  if (e.issues) body.issues = e.issues;
  sendJson(res, e.status, body, e.headers);
}

/**
 * The body as text, refusing more than `limit` bytes (413, read no further), a type other than JSON
 * (415) and bytes that are not UTF-8 (400). A body a framework already parsed (`req.body`) is used as is.
 */
export async function readJsonBody(req: IncomingMessage & { body?: unknown }, limit: number): Promise<unknown> {
  const type = String(req.headers['content-type'] ?? '');
  if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type)) throw new HttpError(415, 'media_type', { type: type || 'nothing' });
  const declared = Number(req.headers['content-length']);
  if (declared > limit) throw new HttpError(413, 'too_large', { limit }, undefined, { connection: 'close' });
  if (req.body !== undefined && !(req.body instanceof Uint8Array) && typeof req.body !== 'string') return req.body;
  let raw: Buffer;
  if (req.body !== undefined) raw = Buffer.from(req.body as Uint8Array | string);
  else {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limit) throw new HttpError(413, 'too_large', { limit }, undefined, { connection: 'close' });
      chunks.push(chunk);
    }
    raw = Buffer.concat(chunks);
  }
  if (raw.length > limit) throw new HttpError(413, 'too_large', { limit }, undefined, { connection: 'close' });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    throw new HttpError(400, 'utf8');
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new HttpError(400, 'json', { detail: (e as Error).message });
  }
}

/** CORS headers for an allowed origin; `null` for an origin that is not allowed. */
export function corsHeaders(origin: string | undefined, allowed: ReadonlySet<string>): Record<string, string> | null {
  if (!origin) return {};
  if (!allowed.has(origin) && !allowed.has('*')) return null;
  return {
    'access-control-allow-origin': allowed.has('*') ? '*' : origin,
    'access-control-expose-headers': 'Retry-After, Content-Disposition',
    vary: 'Origin',
  };
}

export const PREFLIGHT = {
  'access-control-allow-methods': 'GET, POST, PATCH, DELETE, OPTIONS',
  'access-control-allow-headers': 'content-type, idempotency-key, authorization',
  'access-control-max-age': '600',
};
