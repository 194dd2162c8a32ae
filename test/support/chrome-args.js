// Debian's Chromium as root on a machine with no outside network: no sandbox,
// and none of the background connections the closed network would refuse.
export const CHROME_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
