// Shared by the browser checks: where things are, which pages to open, how to start Chromium.
import { createRequire } from 'node:module';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep, dirname } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const root = resolve(here, '../..');
export const sites = process.env.KHULA_SITES || join(root, 'target/browser-sites');
export const shots = process.env.KHULA_SHOTS || join(root, 'target/browser-shots');
const nodeDir = process.env.KHULA_NODE_DIR || join(root, 'target/browser-node');

// npm packages live in target/browser-node (see run.sh), not beside these scripts.
export const requireDep = createRequire(join(nodeDir, 'package.json'));

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** Starts Debian's Chromium with a fresh profile (playwright makes a new user-data-dir). */
export async function launch() {
  const { chromium } = requireDep('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** Every built HTML page, as absolute paths, sorted. */
export function allPages(dir = sites) {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.html')) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/**
 * What a page is: its council (first folder, or "(all)" for the top-level index), its
 * language (from <html lang>) and its kind, read from the file name so that new kinds are
 * picked up: the first path segment below the language folder; a folder becomes "name/*",
 * a file its stem without a trailing year ("budget-2080-81" is a "budget").
 */
export function describe(file) {
  const rel = relative(sites, file).split(sep);
  const html = readFileSync(file, 'utf8');
  const lang = (html.match(/<html[^>]*\slang="([^"]+)"/) || [])[1] || '?';
  if (rel.length === 1) return { file, rel: rel.join('/'), council: '(all)', lang, kind: rel[0].replace(/\.html$/, '') };
  let rest = rel.slice(1);
  if (rest.length > 1 && rest[0] === lang) rest = rest.slice(1);
  const kind = rest.length > 1 ? `${rest[0]}/*` : rest[0].replace(/\.html$/, '').replace(/-\d[\d-]*$/, '');
  return { file, rel: rel.join('/'), council: rel[0], lang, kind };
}

/** One page per (council, language, kind): the first by path. */
export function pagesOfEveryKind() {
  const seen = new Map();
  for (const file of allPages()) {
    const d = describe(file);
    const key = `${d.council} ${d.lang} ${d.kind}`;
    if (!seen.has(key)) seen.set(key, d);
  }
  return [...seen.values()];
}

export const url = (file) => pathToFileURL(file).href;

/** A file name for screenshots: "dhangadhi-ne-budget-360.png". */
export const shotName = (d, suffix) =>
  `${d.council}-${d.lang}-${d.kind.replace('/*', '-one')}`.replace(/[^a-z0-9-]+/gi, '_') + `-${suffix}`;

/** Fails the process with a summary when there are problems. */
export function finish(name, problems, summary) {
  for (const p of problems) console.log(`  FAIL ${p}`);
  console.log(`${name}: ${summary}; ${problems.length} problem(s)`);
  process.exitCode = problems.length ? 1 : 0;
}
