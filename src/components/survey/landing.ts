/**
 * prefill="url", the email landing page, loaded on demand (features.ts `loadPrefill`): the answers from the link
 * (prefill.ts) and the sign of a person before its score is recorded (presence.ts). A page without prefill="url"
 * never loads either; scripts/size.js checks that none of these modules is in a main bundle.
 */
export { landing } from './prefill.js';
export { whenPresent } from './presence.js';
