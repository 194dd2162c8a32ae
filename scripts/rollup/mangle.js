import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const sources = (dir) =>
  readdirSync(dir, { recursive: true })
    .filter((f) => /\.(ts|js)$/.test(String(f)))
    .map((f) => readFileSync(join(dir, String(f)), 'utf8'));

/** A member declaration with its TypeScript modifiers: `private readonly _x`, `protected override _y(`, `public static __z`. */
const DECLARED = /\b(private|protected|public)\s+(?:(?:static|readonly|override|abstract|async|get|set|declare)\s+)*(_\w+)/g;

/**
 * `mangledNames({ src, deps })`: the property names the bundles rename, the names written to be renamed:
 * Lit's rule (`__`-prefixed privates) and, in TypeScript, a member declared `private` (the author said no code
 * outside the class reads it). A name also declared `protected` or `public` anywhere in `src` is part of a class's
 * API (the exported `FormControl`'s hooks `_parse`, `_commit`, … that a subclass overrides) and is kept; so is any
 * name a dependency in `deps` (folders) also uses (zod's `_zod` marks a schema to the shop's own zod).
 * Returns the names, sorted.
 */
export function mangledNames({ src = 'src', deps = [] } = {}) {
  const ours = sources(src);
  const theirs = new Set(deps.flatMap(sources).flatMap((t) => t.match(/\b_\w+/g) ?? []));
  const own = new Set();
  const api = new Set();
  for (const t of ours) for (const m of t.matchAll(DECLARED)) (m[1] === 'private' ? own : api).add(m[2]);
  for (const t of ours) for (const n of t.match(/\b__[a-zA-Z]\w*/g) ?? []) own.add(n);
  return [...own].filter((n) => !api.has(n) && !theirs.has(n)).sort();
}

/**
 * `dependencyFolders(pkg, { src, root, serverOnly })`: node_modules folders of the dependencies a browser bundle can
 * carry, for `mangledNames`: Lit's packages and each of `pkg`'s dependencies that a module outside `serverOnly`
 * (the collector, built for Node, never minified) imports. pg and PGlite share many names with Koubei (`_config`,
 * `_parse`, …) but are never in a bundle the minifier renames.
 */
export function dependencyFolders(pkg, { src = 'src', root = 'node_modules', serverOnly = /^collector\// } = {}) {
  const files = readdirSync(src, { recursive: true }).map(String).filter((f) => /\.(ts|js)$/.test(f) && !serverOnly.test(f.split('\\').join('/')));
  const imported = new Set();
  for (const f of files) for (const m of readFileSync(join(src, f), 'utf8').matchAll(/(?:from|import)\s*\(?\s*['"]((?:@[^/'"]+\/)?[^./'"][^/'"]*)/g)) imported.add(m[1]);
  const deps = Object.keys(pkg.dependencies ?? {}).filter((d) => imported.has(d));
  return [...new Set(['lit-html', 'lit-element', '@lit/reactive-element', ...deps])].map((d) => join(root, d));
}

/** `mangleRegex(names)`: terser's `mangle.properties.regex` renaming exactly `names` (none when empty). */
export const mangleRegex = (names) => (names.length ? new RegExp(`^(?:${names.join('|')})$`) : /^(?!)$/);
