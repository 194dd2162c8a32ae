// GET /v1/summary, /v1/trend, /v1/drivers, /v1/themes: SQL aggregates into koubei/analysis.
import type { Database } from './db.js';

export type AnalysisHandler = (db: Database, params: URLSearchParams) => Promise<unknown>;

/** The handler of an analysis route, or undefined for any other path. */
export function analysisRoute(path: string): AnalysisHandler | undefined {
  void path;
  return undefined;
}
