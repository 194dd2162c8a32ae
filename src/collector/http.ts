// The collector's HTTP plumbing: one way to refuse (a status and `{ error, code, issues? }` in the
// request's language), reading a body within a limit, and CORS.
import type { IncomingMessage, ServerResponse } from 'node:http';

export type Lang = 'en' | 'zh-CN' | 'zh-TW';

/** A text of {@link DETAILS} and its values: written in the request's language when the refusal is sent. */
export interface Message {
  code: Detail;
  values?: Record<string, Value>;
}
/** A list is written quoted and joined in each language's way ("a", "b" / “a”、“b” / 「a」、「b」). */
export type Value = string | number | readonly string[] | Message;

export const message = (code: Detail, values?: Record<string, Value>): Message => ({ code, values });

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
  charset: {
    en: 'the body must be UTF-8: Content-Type charset={charset} is not read (send charset=utf-8, or no charset)',
    'zh-CN': '请求体必须是 UTF-8：不读取 Content-Type charset={charset}（请用 charset=utf-8，或不写 charset）',
    'zh-TW': '請求內容必須是 UTF-8：不讀取 Content-Type charset={charset}（請用 charset=utf-8，或不寫 charset）',
  },
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

/**
 * Parts of a refusal (a parameter's `detail`, a hint, an issue), by code. The English texts are those the
 * collector has always sent: shops may match on them.
 */
const DETAILS = {
  encoding: {
    en: 'malformed %-encoding: each % must start a UTF-8 byte as two hex digits (encodeURIComponent)',
    'zh-CN': '%编码有误：每个 % 后须是两位十六进制数字，组成 UTF-8 字节（用 encodeURIComponent 编码）',
    'zh-TW': '%編碼有誤：每個 % 後須是兩位十六進位數字，組成 UTF-8 位元組（用 encodeURIComponent 編碼）',
  },
  nul: { en: 'contains a NUL character (%00)', 'zh-CN': '含有 NUL 字符（%00）', 'zh-TW': '含有 NUL 字元（%00）' },
  blank: { en: 'must not be empty', 'zh-CN': '不能为空', 'zh-TW': '不能為空' },
  contextField: {
    en: 'a context field name is letters, digits, _ and -',
    'zh-CN': 'context 字段名只能由字母、数字、_ 和 - 组成',
    'zh-TW': 'context 欄位名稱只能由字母、數字、_ 和 - 組成',
  },
  protoField: {
    en: '"__proto__" cannot be a context field: no response can store a key of that name',
    'zh-CN': '“__proto__”不能作为 context 字段：任何回答都不能保存这个名称的键',
    'zh-TW': '「__proto__」不能作為 context 欄位：任何回答都不能儲存這個名稱的鍵',
  },
  contextHint: {
    en: ' (a context field is filtered with context.{name}=)',
    'zh-CN': '（按 context 字段筛选请用 context.{name}=）',
    'zh-TW': '（依 context 欄位篩選請用 context.{name}=）',
  },
  twice: { en: 'given more than once', 'zh-CN': '给了不止一次', 'zh-TW': '給了不只一次' },
  tooLong: { en: 'at most {max} characters', 'zh-CN': '最多 {max} 个字符', 'zh-TW': '最多 {max} 個字元' },
  touchpoint: {
    en: "must be a Likert question's name (such as delivery), without control characters",
    'zh-CN': '必须是 Likert 题目的名称（如 delivery），不含控制字符',
    'zh-TW': '必須是 Likert 題目的名稱（如 delivery），不含控制字元',
  },
  timeZone: {
    en: '"{value}" is not an IANA time zone such as Asia/Shanghai',
    'zh-CN': '“{value}”不是 IANA 时区（如 Asia/Shanghai）',
    'zh-TW': '「{value}」不是 IANA 時區（如 Asia/Shanghai）',
  },
  timeZoneDb: {
    en: '"{value}" is not a time zone this database knows',
    'zh-CN': '数据库不认识时区“{value}”',
    'zh-TW': '資料庫不認得時區「{value}」',
  },
  date: {
    en: '"{value}" is not a date (2026-11-01) or a date-time with offset (2026-11-01T08:00:00+08:00)',
    'zh-CN': '“{value}”不是日期（2026-11-01），也不是带时差的日期时间（2026-11-01T08:00:00+08:00）',
    'zh-TW': '「{value}」不是日期（2026-11-01），也不是帶時差的日期時間（2026-11-01T08:00:00+08:00）',
  },
  calendar: { en: '"{value}" is not a calendar date', 'zh-CN': '日历上没有“{value}”这一天', 'zh-TW': '日曆上沒有「{value}」這一天' },
  range: {
    en: '{from} is after to ({to}): nothing can match; swap them',
    'zh-CN': '{from} 晚于 to（{to}），什么也匹配不到；请对调两者',
    'zh-TW': '{from} 晚於 to（{to}），什麼也比對不到；請對調兩者',
  },
  category: { en: 'must be promoter, passive or detractor', 'zh-CN': '必须是 promoter、passive 或 detractor', 'zh-TW': '必須是 promoter、passive 或 detractor' },
  link: { en: 'must be verified, unverified or none', 'zh-CN': '必须是 verified、unverified 或 none', 'zh-TW': '必須是 verified、unverified 或 none' },
  id: { en: 'must be a response id (a UUID)', 'zh-CN': '必须是回答的 id（UUID）', 'zh-TW': '必須是回答的 id（UUID）' },
  limit: { en: 'must be a whole number from 1 to {max}', 'zh-CN': '必须是 1 到 {max} 之间的整数', 'zh-TW': '必須是 1 到 {max} 之間的整數' },
  cursor: {
    en: 'is not a cursor this collector gave (use nextCursor from the previous page)',
    'zh-CN': '不是本收集器给出的游标（请用上一页的 nextCursor）',
    'zh-TW': '不是本收集器給出的游標（請用上一頁的 nextCursor）',
  },
  groupBy: {
    en: '"{value}" is not a context field (letters, digits, _ and -, such as sku or context.sku)',
    'zh-CN': '“{value}”不是 context 字段（由字母、数字、_ 和 - 组成，如 sku 或 context.sku）',
    'zh-TW': '「{value}」不是 context 欄位（由字母、數字、_ 和 - 組成，如 sku 或 context.sku）',
  },
  question: {
    en: 'must be a question name (1 to 200 characters, no control characters)',
    'zh-CN': '必须是题目名称（1 到 200 个字符，不含控制字符）',
    'zh-TW': '必須是題目名稱（1 到 200 個字元，不含控制字元）',
  },
  unknownQuestion: {
    en: 'no response answers {names} ({known})',
    'zh-CN': '没有任何回答答过{names}（{known}）',
    'zh-TW': '沒有任何回答答過{names}（{known}）',
  },
  answered: {
    en: 'NPS and Likert questions answered: {names}',
    'zh-CN': '有回答的 NPS 和 Likert 题目：{names}',
    'zh-TW': '有回答的 NPS 和 Likert 題目：{names}',
  },
  answeredMore: {
    en: 'NPS and Likert questions answered: {names} and {more} more',
    'zh-CN': '有回答的 NPS 和 Likert 题目：{names}，另有 {more} 个',
    'zh-TW': '有回答的 NPS 和 Likert 題目：{names}，另有 {more} 個',
  },
  noneAnswered: {
    en: 'no response has an NPS or Likert answer yet',
    'zh-CN': '还没有任何回答含 NPS 或 Likert 题目',
    'zh-TW': '還沒有任何回答含 NPS 或 Likert 題目',
  },
  minN: { en: 'must be a whole number from 0 to 999999999', 'zh-CN': '必须是 0 到 999999999 之间的整数', 'zh-TW': '必須是 0 到 999999999 之間的整數' },
  interval: { en: 'must be day, week or month', 'zh-CN': '必须是 day、week 或 month', 'zh-TW': '必須是 day、week 或 month' },
  driversMissing: {
    en: 'give the Likert questions to rank, comma-separated (1 to {max}), such as drivers=delivery,as-described,service',
    'zh-CN': '请给出要排序的 Likert 题目，用逗号分隔（1 到 {max} 个），如 drivers=delivery,as-described,service',
    'zh-TW': '請給出要排序的 Likert 題目，以逗號分隔（1 到 {max} 個），如 drivers=delivery,as-described,service',
  },
  driversMany: {
    en: 'at most {max} questions (the exact Shapley decomposition fits 2^p regressions); got {n}',
    'zh-CN': '最多 {max} 个题目（精确的 Shapley 分解要拟合 2^p 个回归），收到 {n} 个',
    'zh-TW': '最多 {max} 個題目（精確的 Shapley 分解要擬合 2^p 個迴歸），收到 {n} 個',
  },
  driversName: {
    en: 'each must be a question name (1 to 200 characters, no control characters), separated by commas',
    'zh-CN': '每项都必须是题目名称（1 到 200 个字符，不含控制字符），用逗号分隔',
    'zh-TW': '每項都必須是題目名稱（1 到 200 個字元，不含控制字元），以逗號分隔',
  },
  driversOutcome: {
    en: 'the outcome "{value}" cannot also be a driver',
    'zh-CN': '结果题目“{value}”不能同时是驱动因素',
    'zh-TW': '結果題目「{value}」不能同時是驅動因素',
  },
  driversTwice: { en: '"{value}" is listed twice', 'zh-CN': '“{value}”列了两次', 'zh-TW': '「{value}」列了兩次' },
  locale: {
    en: 'must be zh-CN, zh-TW or en, got "{value}" (zh-HK, zh-MO and zh-Hant are read as zh-TW; zh, zh-SG and zh-Hans as zh-CN; en-US or any en-* as en)',
    'zh-CN': '必须是 zh-CN、zh-TW 或 en，收到的是“{value}”（zh-HK、zh-MO 和 zh-Hant 按 zh-TW 处理；zh、zh-SG 和 zh-Hans 按 zh-CN；en-US 等 en-* 按 en）',
    'zh-TW': '必須是 zh-CN、zh-TW 或 en，收到的是「{value}」（zh-HK、zh-MO 和 zh-Hant 按 zh-TW 處理；zh、zh-SG 和 zh-Hans 按 zh-CN；en-US 等 en-* 按 en）',
  },
} satisfies Record<string, Record<Lang, string>>;

export type Detail = keyof typeof DETAILS;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly values: Record<string, Value> = {},
    readonly issues?: readonly (string | Message)[],
    readonly headers: Record<string, string> = {},
  ) {
    super(fill(TEXTS[code]?.en ?? code, values, 'en'));
  }
}

const QUOTES: Record<Lang, [string, string, string]> = { en: ['"', '"', ', '], 'zh-CN': ['“', '”', '、'], 'zh-TW': ['「', '」', '、'] };

function fill(text: string, values: Record<string, Value>, lang: Lang): string {
  return text.replace(/\{(\w+)\}/g, (m, k: string) => {
    if (!Object.hasOwn(values, k)) return m;
    const v = values[k]!;
    if (Array.isArray(v)) {
      const [open, close, sep] = QUOTES[lang];
      return v.map((x) => open + x + close).join(sep);
    }
    return typeof v === 'object' ? write(v as Message, lang) : String(v);
  });
}

/** A message in a language (a plain string is the same in every language). */
export const write = (m: string | Message, lang: Lang): string =>
  typeof m === 'string' ? m : fill(DETAILS[m.code][lang], m.values ?? {}, lang);

/**
 * The language of a BCP 47 tag, or undefined for one Koubei does not write: Chinese by script (zh-HK, zh-MO
 * and zh-Hant are traditional; zh, zh-SG and zh-Hans simplified: the likely script of Intl.Locale), any en.
 */
export function languageOf(tag: string): Lang | undefined {
  let locale: Intl.Locale;
  try {
    locale = new Intl.Locale(tag).maximize();
  } catch {
    return undefined;
  }
  if (locale.language === 'en') return 'en';
  if (locale.language !== 'zh') return undefined;
  return locale.script === 'Hant' ? 'zh-TW' : 'zh-CN';
}

/** The request's language: the Accept-Language entry of highest q that is Chinese or English (`fr, zh-TW;q=0.8` is zh-TW), else English. */
export function requestLang(req: IncomingMessage): Lang {
  let best: Lang = 'en';
  let bestQ = 0;
  for (const entry of String(req.headers['accept-language'] ?? '').split(',').slice(0, 20)) {
    const [tag = '', ...params] = entry.split(';').map((s) => s.trim());
    const qv = /^q=([01](?:\.\d{0,3})?)$/i.exec(params.find((p) => /^q=/i.test(p)) ?? 'q=1');
    const q = qv ? Number(qv[1]) : 0;
    const lang = tag === '*' ? undefined : languageOf(tag);
    if (lang && q > bestQ) [best, bestQ] = [lang, q];
  }
  return best;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) return void res.end();
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers, 'content-length': String(Buffer.byteLength(text)) });
  res.end(text);
}

export function sendError(req: IncomingMessage, res: ServerResponse, e: HttpError): void {
  const lang = requestLang(req);
  const body: Record<string, unknown> = { error: TEXTS[e.code] ? fill(TEXTS[e.code]![lang], e.values, lang) : e.message, code: e.code };
  if (e.issues) body.issues = e.issues.map((i) => write(i, lang));
  sendJson(res, e.status, body, e.headers);
}

/**
 * The body as text, refusing more than `limit` bytes (413, read no further), a type other than JSON
 * (415) and bytes that are not UTF-8 (400). A body a framework already parsed (`req.body`) is used as is.
 */
export async function readJsonBody(req: IncomingMessage & { body?: unknown }, limit: number): Promise<unknown> {
  const type = String(req.headers['content-type'] ?? '');
  if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type)) throw new HttpError(415, 'media_type', { type: type || 'nothing' });
  // A body declared in another charset (charset=latin1) would be decoded as UTF-8 into what the customer never wrote.
  const charset = /;\s*charset\s*=\s*(?:"([^"]*)"|([^;\s]*))/i.exec(type);
  const name = charset ? (charset[1] ?? charset[2] ?? '') : 'utf-8';
  if (name.toLowerCase() !== 'utf-8') throw new HttpError(415, 'charset', { charset: name.slice(0, 40) });
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
