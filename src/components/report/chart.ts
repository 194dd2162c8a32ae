// Geometry of the two charts, as plain numbers and SVG path strings (the element only draws them).
import type { Driver, TrendPoint } from './shapes.js';

export interface Box { width: number; height: number; top: number; right: number; bottom: number; left: number }
export const TREND_BOX: Box = { width: 640, height: 240, top: 12, right: 16, bottom: 28, left: 44 };
export const MAP_BOX: Box = { width: 480, height: 300, top: 16, right: 16, bottom: 36, left: 48 };

/** A linear scale from a domain to a range. */
export const scale = (d0: number, d1: number, r0: number, r1: number) => (v: number) => (d1 === d0 ? (r0 + r1) / 2 : r0 + ((v - d0) / (d1 - d0)) * (r1 - r0));
const r1 = (v: number) => Math.round(v * 10) / 10;

/** A domain in whole tens around every value, at least 20 wide, within [lo, hi]. */
export function niceDomain(values: number[], lo: number, hi: number): [number, number] {
  if (!values.length) return [lo, hi];
  let a = Math.floor(Math.min(...values) / 10) * 10;
  let b = Math.ceil(Math.max(...values) / 10) * 10;
  if (b - a < 20) {
    a -= 10;
    b += 10;
  }
  return [Math.max(lo, a), Math.min(hi, b)];
}

export type PointKind = 'up' | 'down' | 'plain' | 'few';
export interface TrendMark { i: number; x: number; y: number; kind: PointKind }
export interface TrendGeometry {
  marks: TrendMark[];
  /** The interval band: one closed path per run of periods with an interval. */
  band: string;
  /** The line through sufficient periods, and the dashed pieces that reach periods with too few answers. */
  line: string;
  dashed: string;
  ticks: { y: number; value: number }[];
  /** The ticks' grid lines, as one path. */
  grid: string;
  labels: { x: number; i: number }[];
  domain: [number, number];
}

/**
 * The trend chart: x by period index, y by score on a domain of whole tens (NPS within −100..100,
 * CSAT within 0..100). A period without answers is a gap; a significant change is an up or down
 * triangle; a period with too few answers is drawn hollow and reached by a dashed line.
 */
export function trendGeometry(periods: readonly TrendPoint[], type: 'nps' | 'likert', box: Box = TREND_BOX): TrendGeometry {
  const shown = periods.filter((p) => p.score !== null);
  const values = shown.flatMap((p) => (p.insufficient ? [p.score!] : [p.low ?? p.score!, p.high ?? p.score!, p.score!]));
  const [d0, d1] = niceDomain(values, type === 'nps' ? -100 : 0, 100);
  // Ticks a round step apart (10, 20 or 50: three to six of them on a domain of whole tens 20 to 200 wide), the domain
  // widened to whole steps (within the bounds: each step divides 100).
  const span = d1 - d0;
  const step = span > 100 ? 50 : span > 50 ? 20 : 10;
  const domain: [number, number] = [Math.floor(d0 / step) * step, Math.ceil(d1 / step) * step];
  const x = scale(0, Math.max(1, periods.length - 1), box.left, box.width - box.right);
  const y = scale(domain[0], domain[1], box.height - box.bottom, box.top);
  const marks: TrendMark[] = [];
  periods.forEach((p, i) => {
    if (p.score === null) return;
    const kind: PointKind = p.insufficient ? 'few' : p.significant ? ((p.change ?? 0) > 0 ? 'up' : 'down') : 'plain';
    marks.push({ i, x: r1(x(i)), y: r1(y(p.score)), kind });
  });
  let line = '';
  let dashed = '';
  for (let k = 1; k < marks.length; k++) {
    const a = marks[k - 1];
    const b = marks[k];
    if (b.i !== a.i + 1) continue; // a period without answers: a gap
    const seg = `M${a.x} ${a.y}L${b.x} ${b.y}`;
    if (a.kind === 'few' || b.kind === 'few') dashed += seg;
    else line += seg;
  }
  // The band over runs of consecutive sufficient periods.
  let band = '';
  let run: TrendPoint[] = [];
  let start = 0;
  const flush = () => {
    if (run.length) {
      const top = run.map((p, k) => `${r1(x(start + k))} ${r1(y(p.high!))}`);
      const bottom = run.map((p, k) => `${r1(x(start + k))} ${r1(y(p.low!))}`).reverse();
      if (run.length === 1) {
        const cx = r1(x(start));
        band += `M${cx - 3} ${r1(y(run[0].high!))}H${cx + 3}V${r1(y(run[0].low!))}H${cx - 3}Z`;
      } else band += `M${top.join('L')}L${bottom.join('L')}Z`;
    }
    run = [];
  };
  periods.forEach((p, i) => {
    if (p.insufficient || p.low === null || p.high === null) return flush();
    if (!run.length) start = i;
    run.push(p);
  });
  flush();
  const ticks = Array.from({ length: (domain[1] - domain[0]) / step + 1 }, (_, k) => ({ value: domain[0] + k * step, y: r1(y(domain[0] + k * step)) }));
  const grid = ticks.map((k) => `M${box.left} ${k.y}H${box.width - box.right}`).join('');
  const every = Math.max(1, Math.ceil(periods.length / 6));
  const labels = periods.map((_, i) => ({ x: r1(x(i)), i })).filter(({ i }) => i % every === 0);
  return { marks, band, line, dashed, ticks, grid, labels, domain };
}

export interface MapMark { x: number; y: number; driver: Driver }
/**
 * The importance × performance map: x is performance (0..1, the mean answer rescaled), y the
 * driver's share of R² (%); the cross sits at the average share (100/p) and the average
 * performance, as koubei/analysis places the quadrants.
 */
export function mapGeometry(drivers: readonly Driver[], box: Box = MAP_BOX) {
  const placed = drivers.filter((d) => d.share !== null && d.performance !== null);
  const perf = placed.map((d) => d.performance!);
  const pLo = Math.max(0, Math.floor((Math.min(...perf, 1) - 0.05) * 10) / 10);
  const pHi = Math.min(1, Math.ceil((Math.max(...perf, 0) + 0.05) * 10) / 10);
  const sHi = Math.max(10, Math.ceil((Math.max(...placed.map((d) => d.share!), 0) * 1.15) / 10) * 10);
  const x = scale(pLo, pHi, box.left, box.width - box.right);
  const y = scale(0, sHi, box.height - box.bottom, box.top);
  const avgShare = placed.length ? 100 / placed.length : 0;
  const avgPerf = perf.length ? perf.reduce((a, b) => a + b, 0) / perf.length : 0;
  const [x0, x1, y0, y1] = [box.left, box.width - box.right, box.top, box.height - box.bottom];
  const cx = r1(x(avgPerf));
  const cy = r1(y(avgShare));
  return {
    marks: placed.map((d) => ({ x: r1(x(d.performance!)), y: r1(y(d.share!)), driver: d })) as MapMark[],
    /** The plot's frame, and the cross at the averages that parts the quadrants, as paths. */
    frame: `M${x0} ${y0}H${x1}V${y1}H${x0}Z`,
    cross: `M${cx} ${y0}V${y1}M${x0} ${cy}H${x1}`,
  };
}
