import { graphemeLength } from './graphemes.js';
import { likertNormalized, likertSatisfied, npsCategory } from './rules.js';
import {
  LIKERT_POINTS,
  type Answers,
  type LikertPoints,
  type LikertScore,
  type NpsScore,
  type QuestionSpec,
  type Scores,
  type TextScore,
  type ChoiceScore,
} from './types.js';

export { npsCategory };

export function isNpsValue(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 10;
}

export function isLikertValue(value: unknown, points: number): value is number {
  return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= points;
}

export function scoreNps(value: number): NpsScore {
  if (!isNpsValue(value)) throw new RangeError(`NPS answer must be an integer 0-10, got ${String(value)}`);
  return { type: 'nps', value, category: npsCategory(value) };
}

export function scoreLikert(value: number, points: LikertPoints): LikertScore {
  if (!LIKERT_POINTS.includes(points)) throw new RangeError(`Likert points must be 3, 4, 5 or 7, got ${String(points)}`);
  if (!isLikertValue(value, points)) {
    throw new RangeError(`Likert answer must be an integer 1-${points}, got ${String(value)}`);
  }
  return {
    type: 'likert',
    value,
    points,
    normalized: likertNormalized(value, points),
    satisfied: likertSatisfied(value, points),
  };
}

export function scoreText(value: string): TextScore {
  if (typeof value !== 'string') throw new TypeError(`Text answer must be a string, got ${typeof value}`);
  return { type: 'text', length: graphemeLength(value) };
}

/**
 * Scores a choice: `selected` is the value, or the values of a multiple choice, each once. With `options`, a value
 * that is not one of them is a RangeError; the values keep the order of `options`.
 */
export function scoreChoice(value: string | readonly string[], options?: readonly string[]): ChoiceScore {
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || !list.length || !list.every((v) => typeof v === 'string' && v !== '')) {
    throw new TypeError(`Choice answer must be a non-empty string or a non-empty array of them, got ${JSON.stringify(value)}`);
  }
  if (new Set(list).size !== list.length) throw new RangeError(`Choice answer lists a value twice: ${JSON.stringify(value)}`);
  if (!options) return { type: 'choice', selected: [...list] };
  const unknown = list.find((v) => !options.includes(v));
  if (unknown !== undefined) throw new RangeError(`Choice answer "${unknown}" is not one of ${options.join(', ')}`);
  return { type: 'choice', selected: options.filter((o) => list.includes(o)) };
}

type QuestionMap = Record<string, Omit<QuestionSpec, 'name'> & { name?: string }>;

function toList(questions: readonly QuestionSpec[] | QuestionMap): QuestionSpec[] {
  if (Array.isArray(questions)) return questions as QuestionSpec[];
  return Object.entries(questions as QuestionMap).map(([name, q]) => ({ ...q, name }) as QuestionSpec);
}

/**
 * Computes the score of every answered question. Questions may be a list of
 * specs or a map keyed by name. Unanswered questions get no score; an answer
 * outside its question's range throws a RangeError naming the question, and a
 * question named `__proto__` a TypeError. Any other name (`constructor`,
 * `toString`) is an ordinary key: only the answers' own properties count.
 */
export function scoreResponse(answers: Answers, questions: readonly QuestionSpec[] | QuestionMap): Scores {
  const scores: Scores = {};
  for (const q of toList(questions)) {
    // Own properties only: an unanswered question named toString or constructor is not Object.prototype's.
    const value = Object.prototype.hasOwnProperty.call(answers, q.name) ? answers[q.name] : undefined;
    if (value === undefined || value === null) continue;
    if (q.name === '__proto__') throw new TypeError('Question "__proto__": this name cannot be a key of a JavaScript object (assigning it replaces the prototype); rename the question.');
    try {
      switch (q.type) {
        case 'nps':
          scores[q.name] = scoreNps(value as number);
          break;
        case 'likert':
          scores[q.name] = scoreLikert(value as number, q.points);
          break;
        case 'text':
          scores[q.name] = scoreText(value as string);
          break;
        case 'choice':
          if (q.multiple === false && typeof value !== 'string') throw new TypeError('a single choice takes one value, not an array');
          scores[q.name] = scoreChoice(value as string | string[], q.options);
          break;
        default:
          throw new TypeError(`unknown question type ${String((q as { type: unknown }).type)}`);
      }
    } catch (err) {
      const e = err as Error;
      throw new (e.constructor as ErrorConstructor)(`Question "${q.name}": ${e.message}`);
    }
  }
  return scores;
}
