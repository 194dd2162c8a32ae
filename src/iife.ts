// The script-tag build: what a page needs (script-tag.ts) as window.Koubei. renderEmailNps and
// summarize are in the modules (koubei, koubei/email, koubei/scoring, koubei/analysis), not here.
import * as Koubei from './script-tag.js';

declare global {
  interface Window {
    Koubei: typeof Koubei;
  }
}

// A second copy of the script keeps the first copy's API (its elements are the ones defined).
if (!window.Koubei) window.Koubei = Koubei;
