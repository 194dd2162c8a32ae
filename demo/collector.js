// The demo's feedback collector, as a shop's server would write it: validate
// each batch with Koubei's own zod schema, answer 400 with readable messages,
// keep each response id once (the highest revision wins), store JSON lines.
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { batchSchema, formatSchemaError } from '../dist/schema.js';
import { summarize } from '../dist/scoring.js';

const here = dirname(fileURLToPath(import.meta.url));

export function createCollector({ file = join(here, 'data', 'responses.jsonl') } = {}) {
  /** id → response (highest revision). */
  const byId = new Map();
  if (existsSync(file)) {
    const text = readFileSync(file, 'utf8');
    // End a torn last line, or the next response would be glued onto it and lost at the next start.
    if (text && !text.endsWith('\n')) appendFileSync(file, '\n');
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        keep(JSON.parse(line));
      } catch {
        /* a torn last line from a crash: skip it */
      }
    }
  }
  /** `ok`, `fail` (answers 503) or `offline` (drops the connection): the demo's failure switch. */
  let mode = 'ok';

  function keep(r) {
    const old = byId.get(r.id);
    if (old && (old.revision ?? 1) >= (r.revision ?? 1)) return false;
    byId.set(r.id, r);
    return true;
  }

  return {
    get mode() {
      return mode;
    },
    setMode(m) {
      if (!['ok', 'fail', 'offline'].includes(m)) throw new Error(`unknown mode ${m}`);
      mode = m;
    },
    /** Handles one POSTed body; returns the HTTP answer. */
    receive(raw) {
      let body;
      try {
        body = JSON.parse(raw);
      } catch {
        return { status: 400, body: { error: 'body is not JSON' } };
      }
      const parsed = batchSchema.safeParse(body);
      if (!parsed.success) return { status: 400, body: { error: 'invalid batch', issues: formatSchemaError(parsed.error) } };
      let stored = 0;
      for (const r of parsed.data.responses) {
        if (keep(r)) {
          mkdirSync(dirname(file), { recursive: true });
          appendFileSync(file, JSON.stringify(r) + '\n');
          stored++;
        }
      }
      return { status: 200, body: { accepted: parsed.data.responses.map((r) => r.id), stored } };
    },
    responses() {
      return [...byId.values()];
    },
    summary() {
      return summarize([...byId.values()]);
    },
  };
}
