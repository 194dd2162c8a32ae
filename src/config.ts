// Captured while the script runs: `document.currentScript` is only set then.
const script: HTMLScriptElement | null =
  typeof document !== 'undefined'
    ? (document.currentScript as HTMLScriptElement | null) ??
      document.querySelector<HTMLScriptElement>('script[data-endpoint][src*="koubei"]')
    : null;

/** The page-wide endpoint from `data-endpoint` on the Koubei script tag. */
export function defaultEndpoint(): string | undefined {
  return (
    script?.dataset.endpoint ??
    (typeof document !== 'undefined'
      ? document.querySelector<HTMLScriptElement>('script[data-endpoint][src*="koubei"]')?.dataset.endpoint
      : undefined)
  );
}
