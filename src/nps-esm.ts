// koubei/nps as an ES module (dist/nps.js): its features as chunks beside it (features-chunks.ts, installed before
// the elements are defined), then the entry, nps.ts. The classic script, nps-iife.ts, installs features-standalone.ts.
import './features-chunks.js';

export * from './nps.js';
