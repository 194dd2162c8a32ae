import { readFileSync } from 'node:fs';

/** `sqlText()`: `import sql from './sql/001-x.sql'` gives the migration's text, as a string (the collector's numbered migrations). */
export const sqlText = () => ({
  name: 'sql-text',
  load: (id) => (id.endsWith('.sql') ? `export default ${JSON.stringify(readFileSync(id, 'utf8'))};` : null),
});
