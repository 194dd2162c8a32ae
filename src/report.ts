/**
 * koubei/report: <koubei-report>, the shop owner's page over the collector's admin API. Importing
 * this module defines the tag. It is not part of the survey script tag and adds nothing to it.
 */
import { KoubeiReport } from './components/report/report.js';
import { define } from './define.js';

export { KoubeiReport, define };
export type { KoubeiReportLoadDetail, KoubeiReportErrorDetail, KoubeiFollowUpDetail, KoubeiReportEventMap, Interval } from './components/report/report.js';
export type { ReportMessages } from './components/report/i18n/index.js';

define('koubei-report', KoubeiReport);
