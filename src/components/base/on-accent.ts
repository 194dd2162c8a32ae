/**
 * Text on the accent colour that stays readable whatever accent a shop sets: black or white, whichever contrasts
 * more with it (WCAG 2.2 relative luminance; one of the two always reaches at least 4.58:1, the worst case being a
 * mid grey of luminance 0.18). Only when the shop set `--koubei-accent` and not `--koubei-on-accent`.
 */
let ctx: CanvasRenderingContext2D | null | undefined;

/** `#rrggbb` or `rgb(a)(r, g, b…)` as the canvas normalizes any CSS colour; undefined when it cannot. */
function rgbOf(colour: string): number[] | undefined {
  ctx ??= document.createElement('canvas').getContext('2d');
  if (!ctx) return undefined;
  ctx.fillStyle = '#000';
  ctx.fillStyle = colour;
  const v = String(ctx.fillStyle);
  if (/^#[\da-f]{6}$/i.test(v)) return [1, 3, 5].map((i) => parseInt(v.slice(i, i + 2), 16));
  const m = /^rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)/.exec(v);
  return m ? [+m[1], +m[2], +m[3]] : undefined;
}

/** WCAG relative luminance of an sRGB colour. */
const luminance = (rgb: number[]) =>
  rgb.map((c) => ((c /= 255) <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)).reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);

/** Sets `--_on-accent` on an element's root (`.base`) from the shop's accent; leaves the shop's own choice alone. */
export function fitOnAccent(base: HTMLElement | null | undefined): void {
  if (!base) return;
  const style = getComputedStyle(base);
  const accent = style.getPropertyValue('--koubei-accent').trim();
  const rgb = accent && !style.getPropertyValue('--koubei-on-accent').trim() ? rgbOf(accent) : undefined;
  if (!rgb) return void base.style.removeProperty('--_on-accent');
  const l = luminance(rgb);
  // Contrast with white is 1.05 / (l + 0.05), with black (l + 0.05) / 0.05.
  base.style.setProperty('--_on-accent', 1.05 / (l + 0.05) >= (l + 0.05) / 0.05 ? '#fff' : '#000');
}
