// The classic-script build of koubei/nps: its exports as window.Koubei.
// Features from dist/features/ beside the script, installed before nps.ts defines the elements.
import './features-standalone.js';
import * as Koubei from './nps.js';

const w = window as { Koubei?: unknown };
// A second copy of the script keeps the first copy's API (its elements are the ones defined).
if (!w.Koubei) w.Koubei = Koubei;
