/** Adds a classic <script> for a built file and waits for it; a missing build fails with what to run. */
export function loadScript(src: string): Promise<void> {
  const script = document.createElement('script');
  script.src = src;
  return new Promise((resolve, reject) => {
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`${src.replace(/^\//, '')} is missing: run npm run build first`));
    document.head.append(script);
  });
}
