/**
 * Media-feature emulation (prefers-color-scheme, prefers-reduced-motion) for
 * the tests that need it, where a broken emulation is a failure, not a skip.
 *
 * Firefox over WebDriver BiDi cannot emulate media features: there, and only
 * there, a refused or ineffective emulation skips the test. In Chromium a
 * refusal, or an emulation that the page's own matchMedia does not see, fails
 * the test with what went wrong: a skip would hide it.
 */
import { emulateMedia } from '@web/test-runner-commands';

type Media = Parameters<typeof emulateMedia>[0];

/** The one browser here known not to emulate media features. */
export const mediaEmulationUnsupported = navigator.userAgent.includes('Firefox');

/**
 * Emulates `media` and checks the page sees it (`query` matches); skips only
 * where emulation is known to be unsupported.
 * @param ctx the test's Mocha context (`this` in a `function` test)
 * @param media what to emulate, as emulateMedia takes it
 * @param query the media query that must match afterwards, e.g. '(prefers-color-scheme: dark)'
 */
export async function emulateOrSkip(ctx: Mocha.Context, media: Media, query: string): Promise<void> {
  try {
    await emulateMedia(media);
  } catch (err) {
    if (mediaEmulationUnsupported) ctx.skip();
    throw new Error(`emulateMedia(${JSON.stringify(media)}) was refused: ${String(err)}`);
  }
  if (matchMedia(query).matches) return;
  if (mediaEmulationUnsupported) ctx.skip();
  throw new Error(`emulateMedia(${JSON.stringify(media)}) did not take: ${query} does not match`);
}
