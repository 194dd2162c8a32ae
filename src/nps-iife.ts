// The classic-script build of koubei/nps: its exports as window.Koubei.
import * as Koubei from './nps.js';

const w = window as { Koubei?: unknown };
// A second copy of the script keeps the first copy's API (its elements are the ones defined).
if (!w.Koubei) w.Koubei = Koubei;
