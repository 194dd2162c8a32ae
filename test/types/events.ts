// Type-checked by `npx tsc -p test/types` (test/node/types.test.js): every koubei-* event is typed wherever a page
// listens (window, document, an element), through GlobalEventHandlersEventMap (src/events.ts). Each line marked
// as an expected error fails the check if the types accept what it marks as wrong.
import type {} from '../../src/events.js';
import type { KoubeiReportLoadDetail, KoubeiReportErrorDetail, KoubeiFollowUpDetail } from '../../src/report.js';
import type { KoubeiErrorDetail } from '../../src/events.js';
import type { KoubeiResponse } from '../../src/schema.js';

const survey = document.querySelector('koubei-survey')!;

// koubei-submit: the response, cancelable.
document.addEventListener('koubei-submit', (e) => {
  const response: KoubeiResponse = e.detail;
  const answers: Record<string, unknown> = e.detail.answers;
  e.preventDefault();
  return [response, answers];
});
survey.addEventListener('koubei-submit', (e) => e.detail.surveyId.toUpperCase());
// @ts-expect-error a response has no `score` (its scores are `scores`)
document.addEventListener('koubei-submit', (e) => e.detail.score);
// @ts-expect-error surveyId is a string, not a number
document.addEventListener('koubei-submit', (e) => e.detail.surveyId.toFixed());

// koubei-error: the reason and the attribute at fault.
window.addEventListener('koubei-error', (e) => {
  const detail: KoubeiErrorDetail = e.detail;
  const message: string = e.detail.message;
  return [detail, message, e.detail.attribute, e.detail.value];
});
// @ts-expect-error the detail has no `code` (the reason is `reason`)
document.addEventListener('koubei-error', (e) => e.detail.code);
document.addEventListener('koubei-error', (e) => {
  // @ts-expect-error 'timeout' is not an ErrorReason
  const r: typeof e.detail.reason = 'timeout';
  return r;
});

// koubei-skip: why a survey is not shown.
document.addEventListener('koubei-skip', (e) => {
  const reason: 'answered' | 'dismissed' | 'recontact' | 'sampled-out' = e.detail.reason;
  return [reason, e.detail.surveyId];
});
document.addEventListener('koubei-skip', (e) => {
  // @ts-expect-error 'expired' is not a skip reason
  const r: typeof e.detail.reason = 'expired';
  return r;
});

// koubei-dismiss and koubei-show: the survey's id.
survey.addEventListener('koubei-dismiss', (e) => e.detail.surveyId.length);
window.addEventListener('koubei-show', (e) => e.detail.surveyId.length);
// @ts-expect-error koubei-dismiss carries no reason
survey.addEventListener('koubei-dismiss', (e) => e.detail.reason);

// The outbox's koubei-queued, koubei-delivered and koubei-retry, heard on window.
window.addEventListener('koubei-queued', (e) => e.detail.ids.join());
document.addEventListener('koubei-delivered', (e) => e.detail.ids.length);
window.addEventListener('koubei-retry', (e) => {
  const n: number = e.detail.attempt + e.detail.delay;
  const why: string = e.detail.reason;
  return [n, why, e.detail.ids];
});
// @ts-expect-error ids are strings
window.addEventListener('koubei-delivered', (e) => e.detail.ids[0].toFixed());
// @ts-expect-error koubei-queued has no status
window.addEventListener('koubei-queued', (e) => e.detail.status);
// @ts-expect-error a misspelt event is not a Koubei event: its listener gets a plain Event, with no detail
document.addEventListener('koubei-submitted', (e) => e.detail);

// The report's koubei-report-load, koubei-report-error and koubei-follow-up (src/components/report/report.ts), heard
// on the element, the document or window.
const report = document.querySelector('koubei-report')!;
report.addEventListener('koubei-report-load', (e) => {
  const detail: KoubeiReportLoadDetail = e.detail;
  const n: number = e.detail.summary.n;
  return [detail, n, e.detail.from.length];
});
document.addEventListener('koubei-report-error', (e) => {
  const detail: KoubeiReportErrorDetail = e.detail;
  const reason: 'network' | 'auth' | 'bad-response' | 'attribute' = e.detail.reason;
  return [detail, reason, e.detail.status];
});
window.addEventListener('koubei-follow-up', (e) => {
  const detail: KoubeiFollowUpDetail = e.detail;
  return [detail, e.detail.orderId.trim(), e.detail.note.length];
});
// @ts-expect-error from is a date string, not a number
document.addEventListener('koubei-report-load', (e) => e.detail.from.toFixed());
// @ts-expect-error the load's detail has no `trend` (it carries the summary)
window.addEventListener('koubei-report-load', (e) => e.detail.trend);
window.addEventListener('koubei-report-error', (e) => {
  // @ts-expect-error 'timeout' is not a report error reason
  const r: typeof e.detail.reason = 'timeout';
  return r;
});
// @ts-expect-error a follow-up's detail has no score
document.addEventListener('koubei-follow-up', (e) => e.detail.score);
// @ts-expect-error orderId is a string, not a number
report.addEventListener('koubei-follow-up', (e) => e.detail.orderId.toFixed());
