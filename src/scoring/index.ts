export * from './types.js';
export { graphemeLength } from './graphemes.js';
export { scoreResponse, scoreNps, scoreLikert, scoreText, scoreChoice, npsCategory, isNpsValue, isLikertValue } from './score.js';
export { summarize } from './summarize.js';
export type { Summary, QuestionSummary, NpsSummary, LikertSummary, TextSummary, ChoiceSummary, Scored } from './summarize.js';
export { wilsonInterval, npsMarginOfError } from './stats.js';
