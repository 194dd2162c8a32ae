import * as z from 'zod/mini';
import { SCHEMA_VERSION } from './schema-lite.js';
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
      default:
        return undefined;
    }
  },
});

const nonEmpty = () => z.string().check(z.minLength(1), z.maxLength(200));

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
  answers: z.record(z.string(), z.union([z.number(), z.string(), z.array(z.string())])),
  scores: z.record(z.string(), scoreSchema),
  context: z.record(z.string(), z.string()),
  /** false for a partial answer (a score clicked in an email); servers keep the highest revision per id. */
  complete: z._default(z.boolean(), true),
  revision: z._default(z.int().check(z.gte(1)), 1),
});

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
