/** z for a two-sided 95% interval. */
export const Z95 = 1.959963984540054;

/** Wilson score interval for a proportion, as [low, high] in 0..1. */
export function wilsonInterval(successes: number, n: number, z = Z95): [number, number] {
  if (n === 0) return [0, 0];
  const p = successes / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/**
 * The plain (Wald, normal-approximation) 95% margin of error of an NPS, in NPS
 * points. Each answer scores +1, 0 or -1, so the variance of the mean is
 * (p + d - (p - d)^2) / n: 0 when every answer is in one category, e.g. n = 1.
 * koubei/analysis's npsInterval is the adjusted Wald interval (Rocks 2016),
 * which is not.
 */
export function npsMarginOfError(promoters: number, detractors: number, n: number, z = Z95): number {
  if (n === 0) return 0;
  const p = promoters / n;
  const d = detractors / n;
  return 100 * z * Math.sqrt((p + d - (p - d) ** 2) / n);
}
