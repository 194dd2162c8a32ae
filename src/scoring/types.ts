export type QuestionType = 'nps' | 'likert' | 'text' | 'choice';
export type LikertPoints = 3 | 4 | 5 | 7;
export const LIKERT_POINTS: readonly LikertPoints[] = [3, 4, 5, 7];

/** What scoring needs to know about one question. */
export type QuestionSpec =
  | { name: string; type: 'nps' }
  | { name: string; type: 'likert'; points: LikertPoints }
  | { name: string; type: 'text' }
  /** `options`: the values that may be chosen (any string when absent); `multiple`: an array of them. */
  | { name: string; type: 'choice'; options?: readonly string[]; multiple?: boolean };

export type NpsCategory = 'detractor' | 'passive' | 'promoter';

export interface NpsScore {
  type: 'nps';
  value: number;
  category: NpsCategory;
}

export interface LikertScore {
  type: 'likert';
  value: number;
  points: LikertPoints;
  /** (value - 1) / (points - 1), 0..1. */
  normalized: number;
  /** Top-2-box (top box only on a 3-point scale). */
  satisfied: boolean;
}

export interface TextScore {
  type: 'text';
  /** Length in user-perceived characters. */
  length: number;
}

export interface ChoiceScore {
  type: 'choice';
  /** The values chosen, in the order of the options; one for a single choice. */
  selected: string[];
}

export type Score = NpsScore | LikertScore | TextScore | ChoiceScore;
/** A value per question: NPS and Likert a number, text a string, a choice its value or (multiple) an array of values. */
export type Answers = Record<string, number | string | string[]>;
export type Scores = Record<string, Score>;
