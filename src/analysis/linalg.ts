/** Small dense symmetric matrices (at most 13 × 13 here), as arrays of rows. */
export type Matrix = number[][];

/**
 * Eigenvalues and eigenvectors of a symmetric matrix by the cyclic Jacobi
 * method (G. H. Golub & C. F. Van Loan, Matrix Computations, 4th ed., §8.5):
 * exact to rounding for the small, well-conditioned correlation matrices here.
 * Returns the values and the vectors as the columns of `vectors`.
 */
export function symmetricEigen(m: Matrix): { values: number[]; vectors: Matrix } {
  const n = m.length;
  const a = m.map((row) => row.slice());
  const v: Matrix = a.map((_, i) => a.map((__, j) => (i === j ? 1 : 0)));
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) off += a[i]![j]! ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p]![q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q]![q]! - a[p]![p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k]![p]!;
          const akq = a[k]![q]!;
          a[k]![p] = c * akp - s * akq;
          a[k]![q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p]![k]!;
          const aqk = a[q]![k]!;
          a[p]![k] = c * apk - s * aqk;
          a[q]![k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k]![p]!;
          const vkq = v[k]![q]!;
          v[k]![p] = c * vkp - s * vkq;
          v[k]![q] = s * vkp + c * vkq;
        }
      }
    }
  }
  return { values: a.map((row, i) => row[i]!), vectors: v };
}

/**
 * The nearest valid correlation matrix in a simple sense: eigenvalues below
 * `floor` raised to it, then rescaled to a unit diagonal. Pairwise-complete
 * correlations (each from different rows) can be jointly impossible; this
 * keeps every R² within 0..1.
 */
export function repairCorrelation(m: Matrix, floor = 1e-6): Matrix {
  const { values, vectors } = symmetricEigen(m);
  const n = m.length;
  const out: Matrix = m.map(() => Array(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += vectors[i]![k]! * Math.max(values[k]!, floor) * vectors[j]![k]!;
      out[i]![j] = s;
    }
  }
  const d = out.map((row, i) => Math.sqrt(row[i]!));
  return out.map((row, i) => row.map((x, j) => (i === j ? 1 : x / (d[i]! * d[j]!))));
}

/**
 * R² of regressing variable 0 on the variables in `idx` (indices ≥ 1) of a
 * correlation matrix: r' R⁻¹ r by Cholesky factoring of R = LL', so
 * R² = |L⁻¹r|². Returns NaN when R is not positive definite.
 */
export function rSquared(c: Matrix, idx: readonly number[]): number {
  const k = idx.length;
  const l: number[] = new Array(k * k).fill(0);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let s = c[idx[i]!]![idx[j]!]!;
      for (let m = 0; m < j; m++) s -= l[i * k + m]! * l[j * k + m]!;
      if (i === j) {
        if (!(s > 1e-12)) return NaN;
        l[i * k + i] = Math.sqrt(s);
      } else l[i * k + j] = s / l[j * k + j]!;
    }
  }
  let r2 = 0;
  const y: number[] = new Array(k);
  for (let i = 0; i < k; i++) {
    let s = c[0]![idx[i]!]!;
    for (let m = 0; m < i; m++) s -= l[i * k + m]! * y[m]!;
    y[i] = s / l[i * k + i]!;
    r2 += y[i]! * y[i]!;
  }
  return r2;
}
