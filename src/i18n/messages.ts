/**
 * Every visible string. `{name}` placeholders are filled by `format()`. A
 * catalogue is a complete `Messages` object, so a missing key is a type error.
 */
export interface Messages {
  /** BCP 47 tag of the catalogue. */
  $lang: string;
  /** `ltr` or `rtl`. */
  $dir: 'ltr' | 'rtl';
  npsQuestion: string;
  /** Stands in for {brand} when no brand is given. */
  npsBrandFallback: string;
  npsLow: string;
  npsHigh: string;
  likertQuestion: string;
  /** `|`-separated labels, lowest first. */
  likert3: string;
  likert4: string;
  likert5: string;
  likert7: string;
  textQuestion: string;
  /** Static hint, {max}. */
  textHint: string;
  /** {n} characters left. */
  textRemaining: string;
  textRemainingOne: string;
  /** {n} characters over the limit. */
  textOver: string;
  textOverOne: string;
  requiredChoice: string;
  /** Default question of a single choice. */
  choiceQuestion: string;
  /** Default question of a multiple choice. */
  choiceQuestionMultiple: string;
  choiceHintMultiple: string;
  /** {min}, {max}. */
  choiceHintRange: string;
  /** The "other" option. */
  choiceOther: string;
  /** Label of the "other" text box. */
  choiceOtherLabel: string;
  /** {min}. */
  choiceMin: string;
  /** {max}. */
  choiceMax: string;
  choiceOtherMissing: string;
  requiredText: string;
  /** {max}. */
  tooLong: string;
  /** Hidden prefix of every error message. */
  errorPrefix: string;
  errorSummary: string;
  submit: string;
  submitting: string;
  thankYou: string;
  back: string;
  next: string;
  /** {current} of {total}. */
  progress: string;
  close: string;
  saveFailed: string;
  /** The survey is set up wrongly (the shop's config): trying again cannot help. */
  notSent: string;
  /** Marks a required question. */
  required: string;
  /** Accessible name of the popover card. */
  surveyLabel: string;
}

export type MessageKey = Exclude<keyof Messages, '$lang' | '$dir'>;

export function format(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}
