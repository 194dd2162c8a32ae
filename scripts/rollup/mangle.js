import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const sources = (dir) =>
  readdirSync(dir, { recursive: true })
    .filter((f) => /\.(ts|js)$/.test(String(f)))
    .map((f) => readFileSync(join(dir, String(f)), 'utf8'));

/**
 * `mangledNames({ src, deps })`: private members (`_name`, the house style) are renamed in the bundles. Only
 * Koubei's own names are renamed: not decorated ones (`@state() _done` reaches Lit as the string "_done"), and
 * none that a dependency in `deps` (folders) also uses (zod's `_zod` marks a schema to the shop's own zod).
 * Returns the names, sorted.
 */
export function mangledNames({ src = 'src', deps = [] } = {}) {
  const names = (texts) => new Set(texts.flatMap((t) => t.match(/\b_[a-zA-Z]\w*/g) ?? []));
  const theirs = names(deps.flatMap(sources));
  const ours = sources(src);
  const decorated = new Set(
    ours.flatMap((t) => [...t.matchAll(/@(?:state|property)\([^)]*\)\s*(?:(?:private|protected|public|readonly|override)\s+)*(_\w+)/g)].map((m) => m[1])),
  );
  return [...names(ours)].filter((n) => !theirs.has(n) && !decorated.has(n)).sort();
}

/** `dependencyFolders(pkg, root)`: node_modules folders of Lit and of `pkg`'s dependencies, for `mangledNames`. */
export const dependencyFolders = (pkg, root = 'node_modules') =>
  ['lit-html', 'lit-element', '@lit/reactive-element', ...Object.keys(pkg.dependencies ?? {})].map((d) => join(root, d));

/** `mangleRegex(names)`: terser's `mangle.properties.regex` renaming exactly `names` (none when empty). */
export const mangleRegex = (names) => (names.length ? new RegExp(`^(?:${names.join('|')})$`) : /^(?!)$/);
