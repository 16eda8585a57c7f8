// The Nu HTML Checker (vnu.jar, on the system Java) over every built page and stylesheet:
// fails on any error; warnings are counted and listed, not fatal.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { allPages, requireDep, sites, finish } from './lib.mjs';

const jar = String(requireDep('vnu-jar')); // the package's main export is the path of vnu.jar
const pages = allPages();

function vnu(args, files) {
  let out;
  try {
    out = execFileSync('java', ['-Xss1m', '-jar', jar, '--format', 'json', '--stdout', '--exit-zero-always', ...args, ...files],
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  } catch (e) {
    console.log(`vnu did not run: ${e.message}`);
    process.exit(1);
  }
  return JSON.parse(out).messages;
}

const where = (m) => {
  const file = m.url ? relative(sites, fileURLToPath(m.url)) : '?';
  return `${file}:${m.lastLine ?? m.firstLine ?? '?'}:${m.firstColumn ?? m.lastColumn ?? '?'}`;
};

const messages = vnu([], pages);
const css = [];
const walk = (d) => readdirSync(d, { withFileTypes: true }).forEach((e) =>
  e.isDirectory() ? walk(join(d, e.name)) : e.name.endsWith('.css') && css.push(join(d, e.name)));
walk(sites);
messages.push(...vnu(['--css'], css));

const problems = [];
let warnings = 0;
for (const m of messages) {
  if (m.type === 'error' || m.type === 'non-document-error') {
    problems.push(`${where(m)}: ${m.message}${m.extract ? ` — ${JSON.stringify(m.extract.trim().slice(0, 120))}` : ''}`);
  } else if (m.subType === 'warning') {
    warnings += 1;
    console.log(`  warning ${where(m)}: ${m.message}`);
  }
}
finish('vnu', problems, `${pages.length} pages and ${css.length} stylesheet(s) checked; ${warnings} warning(s)`);
