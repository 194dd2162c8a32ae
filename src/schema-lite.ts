// The payload rules of schema.ts as plain functions, for the browser bundles:
// zod/mini costs about 8 KB gzip there, this about 1.5 KB. Same rules, same
// output (unknown keys dropped, defaults filled) and the same issues and
// messages; test/node/schema-lite.test.js runs both on thousands of inputs and
// fails on any difference. schema.ts (zod) stays the contract for servers.
import type { KoubeiBatch, KoubeiResponse } from './schema.js';
import { likertMismatch, npsCategory } from './scoring/rules.js';
import type { Score } from './scoring/types.js';

export const SCHEMA_VERSION = 'koubei/1';

export interface SchemaIssue {
  code: 'invalid_type' | 'invalid_value' | 'invalid_union' | 'invalid_format' | 'too_small' | 'too_big' | 'custom';
  path: PropertyKey[];
  message: string;
}

type Path = PropertyKey[];
type Rule = (v: unknown, path: Path, out: SchemaIssue[]) => unknown;

/** Readable lines such as `responses[0].surveyId: must not be empty`. */
export function formatSchemaError(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): string[] {
  return error.issues.map((i) => {
    const path = i.path.reduce<string>(
      (s, k) => (typeof k === 'number' ? `${s}[${k}]` : s ? `${s}.${String(k)}` : String(k)),
      '',
    );
    return `${path || '(body)'}: ${i.message}`;
  });
}

const got = (v: unknown) => (v === undefined ? 'nothing' : v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
const add = (out: SchemaIssue[], code: SchemaIssue['code'], path: Path, message: string) => void out.push({ code, path, message });
const wrong = (out: SchemaIssue[], path: Path, expected: string, v: unknown) =>
  add(out, 'invalid_type', path, `expected ${expected}, received ${got(v)}`);
/** Type, value, union and custom issues stop an object's cross-field checks, as in zod (a check function's issue aborts). */
const aborted = (out: SchemaIssue[], from: number) => out.slice(from).some((i) => /^invalid_[tvu]|^c/.test(i.code));
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** zod runs length checks on anything with a length, even after a type issue. */
function lengths(v: unknown, path: Path, out: SchemaIssue[], min?: number, max?: number): void {
  const n = (v as { length?: unknown } | null | undefined)?.length as number;
  if (n === undefined) return;
  if (min && n < min) add(out, 'too_small', path, typeof v === 'string' ? 'must not be empty' : `must be at least ${min}`);
  if (max && n > max) add(out, 'too_big', path, `must be at most ${max}`);
}

/** Why a string cannot be stored: PostgreSQL's json and text refuse both (the collector answered 500). Both schemas use it. */
export const textProblem = (s: string) => (s.includes('\0') ? 'contains a NUL character' : /\p{Cs}/u.test(s) ? 'contains a lone surrogate' : undefined);

/**
 * Parsed scores that contradict the answer of the same name, as [name, field]: an NPS or Likert value that is not the
 * answer, a text score of an answer that is not text. Both schemas use it. (An answer missing from `answers` reads as
 * inherited or undefined: never a number or a string.)
 */
export const mismatches = (r: { answers: Record<string, unknown>; scores: Record<string, object> }) =>
  Object.keys(r.scores).flatMap((k) => {
    const s = r.scores[k] as { value?: unknown; type?: unknown };
    return 'value' in s ? (r.answers[k] !== s.value ? [[k, 'value']] : []) : s.type === 'text' && typeof r.answers[k] !== 'string' ? [[k, 'length']] : [];
  });

/** Free text (not a uuid or datetime) is also checked for what cannot be stored. */
const string =
  (min?: 1, max?: number, re?: { test(v: string): boolean }, format?: string): Rule =>
  (v, path, out) => {
    if (typeof v !== 'string') wrong(out, path, 'string', v);
    else if (re && !re.test(v)) add(out, 'invalid_format', path, `expected a valid ${format}`);
    lengths(v, path, out, min, max);
    const problem = typeof v === 'string' && !re && (textProblem(v) || (min && v && !v.trim() && 'must not be blank'));
    if (problem) add(out, 'custom', path, problem);
    return v;
  };

function limits(v: number, path: Path, out: SchemaIssue[], min?: number, max?: number): void {
  if (min !== undefined && v < min) add(out, 'too_small', path, `must be at least ${min}`);
  if (max !== undefined && v > max) add(out, 'too_big', path, `must be at most ${max}`);
}

const number =
  (int: boolean, min?: number, max?: number): Rule =>
  (v, path, out) => {
    if (!isNumber(v)) return wrong(out, path, 'number', v);
    if (int) {
      if (!Number.isInteger(v)) return wrong(out, path, 'int', v);
      // z.int()'s own bounds first, as zod reports them.
      limits(v, path, out, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
    }
    limits(v, path, out, min, max);
    return v;
  };

const boolean: Rule = (v, path, out) => (typeof v === 'boolean' ? v : wrong(out, path, 'boolean', v));

const oneOf =
  (...values: unknown[]): Rule =>
  (v, path, out) =>
    values.includes(v) ? v : add(out, 'invalid_value', path, `expected one of ${values.map((x) => JSON.stringify(x)).join(', ')}`);

const union =
  (test: (v: unknown) => boolean): Rule =>
  (v, path, out) =>
    test(v) ? v : add(out, 'invalid_union', path, 'does not match any allowed shape');

const withDefault =
  (rule: Rule, value: unknown): Rule =>
  (v, path, out) =>
    v === undefined ? value : rule(v, path, out);

const object =
  (shape: Record<string, Rule>, refine?: (v: Record<string, unknown>, path: Path, out: SchemaIssue[]) => void): Rule =>
  (v, path, out) => {
    if (!isObject(v)) return wrong(out, path, 'object', v);
    const from = out.length;
    const result: Record<string, unknown> = {};
    for (const key in shape) {
      const value = shape[key](v[key], [...path, key], out);
      if (value !== undefined) result[key] = value;
    }
    // On what was parsed (unknown keys dropped), as zod's checks see it.
    if (refine && !aborted(out, from)) refine(result, path, out);
    return result;
  };

const record =
  (rule: Rule): Rule =>
  (v, path, out) => {
    const proto = isObject(v) && Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) return wrong(out, path, 'record', v);
    const result: Record<string, unknown> = {};
    for (const key of Object.keys(v as object)) {
      // A key that cannot be stored is reported (zod: invalid_key, with the same message) and its value not read.
      const n = out.length;
      text(key, [...path, key], out);
      if (n === out.length) result[key] = rule((v as Record<string, unknown>)[key], [...path, key], out);
    }
    return result;
  };

const array =
  (rule: Rule): Rule =>
  (v, path, out) => {
    const result = Array.isArray(v) ? Array.from(v, (x, i) => rule(x, [...path, i], out)) : wrong(out, path, 'array', v);
    lengths(v, path, out, 1);
    return result;
  };

// zod's own pattern for z.uuid(); z.iso.datetime({ offset: true })'s, its calendar (months' lengths, leap years)
// checked by Date instead of spelled out in the pattern (57 B gzip less; test/node/schema-lite.test.js tries every day).
const UUID = /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$/;
const DATETIME = {
  test(v: string) {
    const t = Date.parse(v.slice(0, 10) + 'T00:00:00Z');
    return /^\d{4}-\d\d-\d\dT([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/.test(v) && t === t && new Date(t).toISOString().startsWith(v.slice(0, 10));
  },
};
const datetime = string(undefined, undefined, DATETIME, 'datetime');
const nonEmpty = string(1, 200);
const text = string();

const scores: Record<string, Rule> = {
  nps: object(
    { type: oneOf('nps'), value: number(true, 0, 10), category: oneOf('detractor', 'passive', 'promoter') },
    (s, path, out) => {
      const value = s.value as number;
      if (s.category !== npsCategory(value)) add(out, 'custom', [...path, 'category'], 'does not match value');
    },
  ),
  likert: object(
    {
      type: oneOf('likert'),
      value: number(true, 1, 7),
      points: union((v) => [3, 4, 5, 7].includes(v as number)),
      normalized: number(false, 0, 1),
      satisfied: boolean,
    },
    (s, path, out) => {
      if ((s.value as number) > (s.points as number)) add(out, 'custom', [...path, 'value'], 'exceeds points');
      else {
        const wrong = likertMismatch(s as Parameters<typeof likertMismatch>[0]);
        if (wrong) add(out, 'custom', [...path, wrong], 'does not match value and points');
      }
    },
  ),
  text: object({ type: oneOf('text'), length: number(true, 0) }),
  choice: object({ type: oneOf('choice'), selected: array(nonEmpty) }),
};

const score: Rule = (v, path, out) => {
  if (!isObject(v)) return wrong(out, path, 'object', v);
  const type = v.type;
  return typeof type === 'string' && Object.prototype.hasOwnProperty.call(scores, type) ? scores[type](v, path, out) : add(out, 'invalid_union', [...path, 'type'], 'does not match any allowed shape');
};

const response = object(
  {
    id: string(undefined, undefined, UUID, 'uuid'),
    surveyId: nonEmpty,
    createdAt: datetime,
    locale: nonEmpty,
    answers: record((v, path, out) => {
      const a = union((v) => isNumber(v) || typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string')))(v, path, out);
      if (Array.isArray(a)) a.forEach((x, i) => text(x, [...path, i], out));
      else if (typeof a === 'string') text(a, path, out);
      return a;
    }),
    scores: record(score),
    context: record(text),
    complete: withDefault(boolean, true),
    revision: withDefault(number(true, 1, 2147483647), 1),
  },
  (r, path, out) => {
    for (const [k, f] of mismatches(r as Parameters<typeof mismatches>[0])) add(out, 'custom', [...path, 'scores', k!, f!], `does not match answers.${k}`);
  },
);

const batch = object({ schema: oneOf(SCHEMA_VERSION), sentAt: datetime, responses: array(response) });

export type SafeParseResult<T> = { success: true; data: T; error?: undefined } | { success: false; data?: undefined; error: SchemaError };

/** What `parse` throws: `issues` as zod's, `message` the readable lines. */
export class SchemaError extends Error {
  override name = 'SchemaError';
  constructor(readonly issues: SchemaIssue[]) {
    super(formatSchemaError({ issues }).join('\n'));
  }
}

/** A validator with zod's `parse` and `safeParse`. */
export interface LiteSchema<T> {
  parse(value: unknown): T;
  safeParse(value: unknown): SafeParseResult<T>;
}

function schema<T>(rule: Rule): LiteSchema<T> {
  const safeParse = (value: unknown): SafeParseResult<T> => {
    const out: SchemaIssue[] = [];
    const data = rule(value, [], out) as T;
    return out.length ? { success: false, error: new SchemaError(out) } : { success: true, data };
  };
  return {
    safeParse,
    parse(value) {
      const r = safeParse(value);
      if (r.success) return r.data;
      throw r.error;
    },
  };
}

export const responseSchema = schema<KoubeiResponse>(response);
export const batchSchema = schema<KoubeiBatch>(batch);
export const scoreSchema = schema<Score>(score);
