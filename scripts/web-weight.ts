/**
 * Bundle weight (issue 16): every citizen page's script, with everything it imports, must stay at or
 * under 100 KB gzip-compressed. Reads the Vite manifest in dist/web (run `npm run build` first), prints
 * each page's figures, and exits 1 when a citizen page is over the budget.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const WEB = join(__dirname, '..', 'dist', 'web');
const BUDGET = 100 * 1024;

interface Chunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
}

const manifestPath = join(WEB, '.vite', 'manifest.json');
if (!existsSync(manifestPath)) {
  console.error(`${manifestPath} is missing: run \`npm run build\` first`);
  process.exit(1);
}
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, Chunk>;

/** The entry's own file and every chunk it imports, transitively, each once. */
function files(key: string, seen = new Set<string>()): Set<string> {
  const chunk = manifest[key];
  if (!chunk || seen.has(chunk.file)) return seen;
  seen.add(chunk.file);
  for (const imported of chunk.imports ?? []) files(imported, seen);
  return seen;
}

let over = 0;
console.log('page script weight (JS, with imports):   raw      gzip   budget');
// the pages (a module such as the map pin's is loaded by a page that names it: not a page of its own)
for (const [key] of Object.entries(manifest).filter(([k, c]) => c.isEntry && k.endsWith('.html'))) {
  let raw = 0;
  let gzip = 0;
  for (const file of files(key)) {
    const body = readFileSync(join(WEB, file));
    raw += body.length;
    gzip += gzipSync(body, { level: 9 }).length;
  }
  const citizen = key.startsWith('public/');
  const fails = citizen && gzip > BUDGET;
  if (fails) over++;
  console.log(
    `${key.padEnd(40)} ${(raw / 1024).toFixed(1).padStart(6)} KB ${(gzip / 1024).toFixed(1).padStart(6)} KB` +
      `  ${citizen ? (fails ? 'OVER 100 KB' : '≤ 100 KB') : '(officer)'}`,
  );
}
if (over) {
  console.error(`${over} citizen page(s) over the 100 KB gzip budget`);
  process.exit(1);
}
