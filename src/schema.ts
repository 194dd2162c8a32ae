import * as z from 'zod/mini';
import { mismatches, SCHEMA_VERSION, textProblem } from './schema-lite.js';
import { likertMismatch, npsCategory } from './scoring/rules.js';

export { SCHEMA_VERSION, formatSchemaError } from './schema-lite.js';

// Must run before any schema is built: zod decides per schema whether to
// compile a parser with `new Function`, which a CSP without 'unsafe-eval'
// reports as a violation even when the attempt is caught.
z.config({
  jitless: true,
  customError: (iss) => {
    const got = iss.input === undefined ? 'nothing' : iss.input === null ? 'null' : Array.isArray(iss.input) ? 'array' : typeof iss.input;
    switch (iss.code) {
      case 'invalid_type':
        return `expected ${iss.expected}, received ${got}`;
      case 'invalid_value':
        return `expected one of ${iss.values.map((v) => JSON.stringify(v)).join(', ')}`;
      case 'invalid_format':
        return `expected a valid ${iss.format}`;
      case 'too_small':
        return iss.origin === 'string' ? `must not be empty` : `must be at least ${String(iss.minimum)}`;
      case 'too_big':
        return `must be at most ${String(iss.maximum)}`;
      case 'invalid_union':
        return 'does not match any allowed shape';
      case 'invalid_key':
        // The key's own problem ("contains a NUL character"); the path names the key.
        return iss.issues[0]?.message;
      default:
        return undefined;
    }
  },
});

/** Free text must be storable: PostgreSQL's json and text hold no NUL and no lone surrogate (the collector answered 500). */
const storable = ({ value, issues }: { value: string; issues: z.core.$ZodRawIssue[] }) => {
  const message = textProblem(value);
  if (message) issues.push({ code: 'custom', input: value, message });
};
const text = () => z.string().check(storable);
/** A name of nothing but spaces (`surveyId: "   "`) names nothing a report could show. */
const filled = ({ value, issues }: { value: string; issues: z.core.$ZodRawIssue[] }) => {
  if (value && !value.trim()) issues.push({ code: 'custom', input: value, message: 'must not be blank' });
};
const nonEmpty = () => z.string().check(z.minLength(1), z.maxLength(200), storable, filled);
/** A record's keys are stored (jsonb) as its values are. */
const record = <T extends z.core.SomeType>(value: T) => z.record(text(), value);

export const npsScoreSchema = z.object({
  type: z.literal('nps'),
  value: z.int().check(z.gte(0), z.lte(10)),
  category: z.enum(['detractor', 'passive', 'promoter']),
}).check(
  // summarize() trusts scores: a category contradicting the value would skew the NPS.
  ({ value: s, issues }) => {
    if (s.category !== npsCategory(s.value)) {
      issues.push({ code: 'custom', input: s.category, path: ['category'], message: 'does not match value' });
    }
  },
);

export const likertScoreSchema = z.object({
  type: z.literal('likert'),
  value: z.int().check(z.gte(1), z.lte(7)),
  points: z.union([z.literal(3), z.literal(4), z.literal(5), z.literal(7)]),
  normalized: z.number().check(z.gte(0), z.lte(1)),
  satisfied: z.boolean(),
}).check(
  // A value past the scale's end would put summarize()'s distribution out of bounds.
  ({ value: s, issues }) => {
    if (s.value > s.points) issues.push({ code: 'custom', input: s.value, path: ['value'], message: 'exceeds points' });
    // The report and the collector's analysis recompute both from value and points.
    else {
      const wrong = likertMismatch(s);
      if (wrong) issues.push({ code: 'custom', input: s[wrong], path: [wrong], message: 'does not match value and points' });
    }
  },
);

export const textScoreSchema = z.object({
  type: z.literal('text'),
  length: z.int().check(z.gte(0)),
});

export const choiceScoreSchema = z.object({
  type: z.literal('choice'),
  selected: z.array(nonEmpty()).check(z.minLength(1)),
});

export const scoreSchema = z.discriminatedUnion('type', [npsScoreSchema, likertScoreSchema, textScoreSchema, choiceScoreSchema]);

/** One customer's answers to one survey, as posted to the shop's endpoint. */
export const responseSchema = z.object({
  id: z.uuid(),
  surveyId: nonEmpty(),
  createdAt: z.iso.datetime({ offset: true }),
  locale: nonEmpty(),
  // A choice's answer is its value, or an array of values (multiple).
  answers: record(
    z.union([z.number(), z.string(), z.array(z.string())]).check(({ value, issues }) => {
      // After the union, so a NUL is named as such (a failing branch would only say "does not match any allowed shape").
      (Array.isArray(value) ? value : [value]).forEach((s, i) => {
        const message = typeof s === 'string' && textProblem(s);
        if (message) issues.push({ code: 'custom', input: s, path: Array.isArray(value) ? [i] : [], message });
      });
    }),
  ),
  scores: record(scoreSchema),
  context: record(text()),
  /** false for a partial answer (a score clicked in an email); servers keep the highest revision per id. */
  complete: z._default(z.boolean(), true),
  /** PostgreSQL's integer (32-bit): a larger revision cannot be stored. */
  revision: z._default(z.int().check(z.gte(1), z.lte(2147483647)), 1),
}).check(
  // The analysis reads scores, the list and the export show answers: they must say the same.
  ({ value: r, issues }) => {
    for (const [k, f] of mismatches(r)) issues.push({ code: 'custom', input: r.scores[k!], path: ['scores', k!, f!], message: `does not match answers.${k}` });
  },
);

/** The body of one POST: a batch of responses. */
export const batchSchema = z.object({
  schema: z.literal(SCHEMA_VERSION),
  sentAt: z.iso.datetime({ offset: true }),
  responses: z.array(responseSchema).check(z.minLength(1)),
});

export type KoubeiResponse = z.output<typeof responseSchema>;
/** A response before defaults are applied (complete and revision optional). */
export type KoubeiResponseInput = z.input<typeof responseSchema>;
export type KoubeiBatch = z.output<typeof batchSchema>;
