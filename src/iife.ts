// The script-tag build: everything in index.ts, also as window.Koubei.
import * as Koubei from './index.js';

declare global {
  interface Window {
    Koubei: typeof Koubei;
  }
}

// A second copy of the script keeps the first copy's API (its elements are the ones defined).
if (!window.Koubei) window.Koubei = Koubei;
