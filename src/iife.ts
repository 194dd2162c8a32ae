// The script-tag build: what a page needs (script-tag.ts) as window.Koubei. renderEmailNps and
// summarize are in the modules (koubei, koubei/email, koubei/scoring, koubei/analysis), not here.
// Features from dist/features/ beside the script, installed before script-tag.ts defines the elements.
import './features-standalone.js';
import * as Koubei from './script-tag.js';

declare global {
  interface Window {
    Koubei: typeof Koubei;
  }
}

// A second copy of the script keeps the first copy's API (its elements are the ones defined).
if (!window.Koubei) window.Koubei = Koubei;
