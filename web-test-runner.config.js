import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { CHROME_ARGS } from './test/support/chrome-args.js';
import { countReporter } from './test/support/count-reporter.js';
import { testServerPlugin } from './test/support/server-plugin.js';
import { reportCollectorPlugin } from './test/report/collector-plugin.js';
import { frameworksPlugin } from './test/frameworks/plugin.js';

const chromium = chromeLauncher({
  launchOptions: { executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', headless: true, args: CHROME_ARGS },
});

const firefox = chromeLauncher({
  launchOptions: { browser: 'firefox', executablePath: process.env.FIREFOX_PATH || '/usr/bin/firefox-esr', headless: true },
});

// chromeLauncher names every browser it drives "Chrome" (it takes the name from
// launchOptions.browser only with a puppeteer of its own), so Firefox ran under
// a "Chrome:" progress bar, merged with Chromium's. Name them for what they are.
chromium.name = 'Chromium';
firefox.name = 'Firefox ESR';

const wanted = (process.env.KOUBEI_BROWSERS || 'chromium,firefox').split(',');

export default {
  files: ['test/**/*.test.ts', 'src/**/*.test.ts', '!test/node/**', '!test/e2e/**'],
  nodeResolve: { exportConditions: ['development'] },
  plugins: [esbuildPlugin({ ts: true, target: 'es2021', tsconfig: 'tsconfig.json' }), testServerPlugin(), reportCollectorPlugin(), frameworksPlugin()],
  browsers: [wanted.includes('chromium') && chromium, wanted.includes('firefox') && firefox].filter(Boolean),
  reporters: [process.env.CI ? summaryReporter({ flatten: false }) : defaultReporter(), countReporter()],
  concurrency: 1,
  concurrentBrowsers: 2,
  testFramework: { config: { timeout: 10000 } },
  testsFinishTimeout: 300000,
  browserStartTimeout: 60000,
};
