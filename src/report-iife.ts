// The classic-script build of koubei/report (dist/report.js): one <script> tag on an admin page
// defines <koubei-report>; its exports as window.KoubeiReport.
import * as KoubeiReport from './report.js';

const w = window as { KoubeiReport?: unknown };
if (!w.KoubeiReport) w.KoubeiReport = KoubeiReport;
