// A small hand-written checker for what the collector sends (the report never trusts a shape): each
// check returns the value typed or throws a ShapeError naming the path, e.g. "trend.periods[3].n".
// Not zod: the report must stay within its size budget, and it only reads a few fields.

/** What the report expected and where: `path` is where the answer went wrong. */
export class ShapeError extends Error {
  constructor(readonly path: string, expected: string, got: unknown) {
    super(`${path}: expected ${expected}, got ${describe(got)}`);
    this.name = 'ShapeError';
  }
}

const describe = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'string' ? `"${v.slice(0, 40)}"` : typeof v);

export type Check<T> = (v: unknown, path: string) => T;

export const num: Check<number> = (v, p) => {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new ShapeError(p, 'a number', v);
  return v;
};
export const count: Check<number> = (v, p) => {
  if (!Number.isInteger(v) || (v as number) < 0) throw new ShapeError(p, 'a count', v);
  return v as number;
};
export const str: Check<string> = (v, p) => {
  if (typeof v !== 'string') throw new ShapeError(p, 'a string', v);
  return v;
};
export const bool: Check<boolean> = (v, p) => {
  if (typeof v !== 'boolean') throw new ShapeError(p, 'true or false', v);
  return v;
};
/** One of a few strings. */
export const oneOf = <T extends string>(...values: T[]): Check<T> => (v, p) => {
  if (!values.includes(v as T)) throw new ShapeError(p, values.join(' | '), v);
  return v as T;
};
export const nullable = <T>(c: Check<T>): Check<T | null> => (v, p) => (v === null ? null : c(v, p));
/** A field that may be absent (undefined) or null. */
export const optional = <T>(c: Check<T>): Check<T | undefined> => (v, p) => (v === undefined || v === null ? undefined : c(v, p));
export const arr = <T>(c: Check<T>): Check<T[]> => (v, p) => {
  if (!Array.isArray(v)) throw new ShapeError(p, 'an array', v);
  return v.map((x, i) => c(x, `${p}[${i}]`));
};
/** A plain object (not null, not an array). */
const object: Check<Record<string, unknown>> = (v, p) => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ShapeError(p, 'an object', v);
  return v as Record<string, unknown>;
};
export const record = <T>(c: Check<T>): Check<Record<string, T>> => (v, p) => {
  const out: Record<string, T> = {};
  for (const [k, x] of Object.entries(object(v, p))) out[k] = c(x, `${p}.${k}`);
  return out;
};
/** An object with these fields (others are ignored: a newer collector may add some). */
export const obj = <T extends Record<string, unknown>>(shape: { [K in keyof T]: Check<T[K]> }): Check<T> => (v, p) => {
  const o = object(v, p);
  const out = {} as T;
  for (const k of Object.keys(shape) as (keyof T & string)[]) out[k] = shape[k](o[k], `${p}.${k}`);
  return out;
};
/** `{ groups: [...] }` when the route was asked for groupBy, else the plain result. */
export const orGroups = <T>(c: Check<T>): Check<T | { groups: (T & { key: string | null })[] }> => (v, p) => {
  if (typeof v === 'object' && v !== null && 'groups' in v) {
    return { groups: arr((x, q) => ({ ...c(x, q), key: nullable(str)((x as { key?: unknown }).key, `${q}.key`) }))((v as { groups: unknown }).groups, `${p}.groups`) };
  }
  return c(v, p);
};
