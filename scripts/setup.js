#!/usr/bin/env node
// The system packages the test stages need, installed by the test command
// itself: as root (CI, a container) missing ones are installed with apt-get;
// otherwise the one command to run is printed. scripts/test.js calls
// ensurePackages() for the stages it is about to run; by hand:
// `node scripts/setup.js [stage ...]`.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pgBin } from '../test/support/postgres.js';

const has = (path) => () => existsSync(path);

/**
 * Each Debian package the tests use, with how to tell it is there (the file
 * the tests run, so CHROME_PATH / FIREFOX_PATH / KOUBEI_PG_BIN pointing at
 * another install count as present) and whether a stage fails without it.
 */
export const PACKAGES = {
  chromium: { present: has(process.env.CHROME_PATH || '/usr/bin/chromium'), required: true, override: 'CHROME_PATH' },
  'firefox-esr': { present: has(process.env.FIREFOX_PATH || '/usr/bin/firefox-esr'), required: true, override: 'FIREFOX_PATH' },
  postgresql: {
    override: 'KOUBEI_PG_BIN',
    present: () => {
      try {
        return Boolean(pgBin());
      } catch {
        return false;
      }
    },
    required: true,
  },
  // Chinese text in screenshots and layout checks renders as boxes without it; nothing fails.
  'fonts-noto-cjk': { present: has('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'), required: false },
};

/** The packages each stage of scripts/test.js needs; a stage not listed needs none. */
export const STAGE_PACKAGES = {
  'collector-postgres': ['postgresql'],
  browser: ['chromium', 'firefox-esr', 'fonts-noto-cjk'],
  e2e: ['chromium', 'firefox-esr', 'fonts-noto-cjk'],
};

/**
 * neededPackages(stages): the packages the given stages use, in PACKAGES order.
 * @param {string[]} stages stage names, as in scripts/test.js
 * @returns {string[]}
 */
export function neededPackages(stages) {
  if (!Array.isArray(stages)) throw new TypeError('neededPackages(stages): stages must be an array of stage names');
  const wanted = new Set(stages.flatMap((s) => STAGE_PACKAGES[s] ?? []));
  return Object.keys(PACKAGES).filter((p) => wanted.has(p));
}

const isRoot = () => process.getuid?.() === 0;
const hasApt = () => spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;

/**
 * ensurePackages(stages): makes sure the system packages the given stages
 * need are installed. As root with apt-get, installs every missing one
 * (`apt-get update` once, then `apt-get install -y`, noninteractive, waiting
 * for another apt's lock); otherwise prints the one command to run.
 * @param {string[]} stages stage names, as in scripts/test.js
 * @returns {{ ok: boolean, installed: string[], missing: string[] }} ok is false when a required package is still missing
 */
export function ensurePackages(stages) {
  const missing = neededPackages(stages).filter((p) => !PACKAGES[p].present());
  // A path given in the environment that is wrong is the caller's to fix: installing the package would not help.
  const wrong = missing.filter((p) => process.env[PACKAGES[p].override]);
  if (wrong.length) {
    for (const p of wrong) console.error(`=== setup: ${PACKAGES[p].override}=${process.env[PACKAGES[p].override]} does not exist (it stands for ${p})`);
    return { ok: false, installed: [], missing };
  }
  if (!missing.length) return { ok: true, installed: [], missing: [] };
  const required = missing.filter((p) => PACKAGES[p].required);

  if (isRoot() && hasApt()) {
    console.log(`\n=== setup: installing ${missing.join(' ')}`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    // Another apt (unattended-upgrades, a second job) may hold the lock: wait for it rather than fail.
    const lock = ['-o', 'DPkg::Lock::Timeout=600'];
    try {
      execFileSync('apt-get', [...lock, 'update', '-q'], { stdio: 'inherit', env });
      execFileSync('apt-get', [...lock, 'install', '-y', '-q', ...missing], { stdio: 'inherit', env });
    } catch (error) {
      console.error(`=== setup: apt-get failed (${error.status ?? error.signal}); see its output above`);
    }
    const still = missing.filter((p) => !PACKAGES[p].present());
    const stillRequired = still.filter((p) => PACKAGES[p].required);
    if (stillRequired.length) console.error(`=== setup: still missing after apt-get: ${stillRequired.join(' ')}`);
    else if (still.length) console.log(`=== setup: ${still.join(' ')} could not be installed; carrying on without`);
    return { ok: !stillRequired.length, installed: missing.filter((p) => !still.includes(p)), missing: still };
  }

  const command = `sudo apt-get install -y ${missing.join(' ')}`;
  if (!required.length) {
    console.log(`\n=== setup: ${missing.join(' ')} not installed (optional); for screenshots with Chinese text run: ${command}`);
    return { ok: true, installed: [], missing };
  }
  console.error(`\n=== setup: the tests need ${required.join(', ')}, which ${required.length > 1 ? 'are' : 'is'} not installed. Run:`);
  console.error(`\n    ${command}\n`);
  console.error('then run the tests again. (Elsewhere than Debian: set CHROME_PATH, FIREFOX_PATH or KOUBEI_PG_BIN.)');
  return { ok: false, installed: [], missing };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const stages = process.argv.length > 2 ? process.argv.slice(2) : Object.keys(STAGE_PACKAGES);
  process.exit(ensurePackages(stages).ok ? 0 : 1);
}
