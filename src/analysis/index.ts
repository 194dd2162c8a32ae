/**
 * koubei/analysis: the statistics behind a shop's dashboard, pure TypeScript
 * with no DOM and no dependencies (Node and browsers alike). Every function
 * takes responses or the sufficient statistics a database computes with
 * GROUP BY; both paths give the same result.
 */
export { latestResponses } from './latest.js';
export type { Scored } from '../scoring/summarize.js';
export type { AnalysisResponse, GroupedStats, Group } from './input.js';
export { normalCdf, normalQuantile } from './normal.js';
export { npsInterval, csatInterval } from './intervals.js';
export type { NpsCounts, NpsInterval, CsatInterval } from './intervals.js';
export { periodKey } from './period.js';
export type { Interval } from './period.js';
export { summary, summaryStats } from './summary.js';
export type { SummaryStats, NpsQuestionStats, LikertQuestionStats, SummaryResult, NpsResult, CsatResult, SummaryOptions } from './summary.js';
export { trend, trendStats } from './trend.js';
export type { TrendStats, NpsPeriodStats, LikertPeriodStats, TrendResult, TrendPoint, TrendOptions } from './trend.js';
export { keyDrivers, driverStats, MAX_DRIVERS } from './drivers.js';
export type { DriverStats, VariableStats, PairStats, KeyDriversResult, DriverResult, DriverWarning, DriverWarningCode, Quadrant, KeyDriversOptions } from './drivers.js';
export { themes, mentionsTerm, termForms } from './themes.js';
export type { ThemeComment, ThemeTerm, ThemesResult, ThemesOptions, CategoryCounts } from './themes.js';
export { LEXICON, STOP_WORDS, TOUCHPOINTS } from './lexicon.js';
export type { Touchpoint, Concept } from './lexicon.js';
