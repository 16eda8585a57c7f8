// Lighthouse on eight pages in four scripts (Devanagari, Latin, Bengali, Arabic), served
// over HTTP on 127.0.0.1 as a host would serve them: accessibility, best practices and SEO
// must score 100; performance is reported, not gated (it depends on this machine).
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { CHROMIUM, CHROMIUM_ARGS, requireDep, sites, finish } from './lib.mjs';

const PAGES = [
  'dhangadhi/index.html',
  'dhangadhi/budget.html',
  'dhangadhi/en/budget.html',
  'dhangadhi/en/decisions.html',
  'sreepur/budget.html',
  'sreepur/complaints.html',
  'gulberg-town/index.html',
  'gulberg-town/budget.html',
].filter((p) => existsSync(join(sites, p)));
const GATED = ['accessibility', 'best-practices', 'seo'];
const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.xml': 'application/xml', '.json': 'application/json', '.csv': 'text/csv', '.txt': 'text/plain' };

const server = createServer(async (req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
  try {
    const body = await readFile(join(sites, path.endsWith('/') ? `${path}index.html` : path));
    res.writeHead(200, { 'content-type': TYPES[extname(path)] || 'application/octet-stream' });
    res.end(body);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  }
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const base = `http://127.0.0.1:${server.address().port}/`;

const { chromium } = requireDep('playwright-core');
const debugPort = 9300 + Math.floor(Math.random() * 500);
const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, `--remote-debugging-port=${debugPort}`] });
const lighthouse = (await import(requireDep.resolve('lighthouse'))).default;

const problems = [];
if (PAGES.length < 8) problems.push(`only ${PAGES.length} of the 8 pages were built`);
for (const page of PAGES) {
  const result = await lighthouse(`${base}${page}`, {
    port: debugPort,
    output: 'json',
    logLevel: 'error',
    onlyCategories: ['performance', ...GATED],
  });
  const { categories, audits } = result.lhr;
  const scores = Object.fromEntries(Object.entries(categories).map(([k, c]) => [k, Math.round(c.score * 100)]));
  console.log(`  ${page}: ${Object.entries(scores).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  for (const id of GATED) {
    if (scores[id] === 100) continue;
    const failing = categories[id].auditRefs
      .filter((r) => r.weight > 0 && audits[r.id].score !== null && audits[r.id].score < 1)
      .map((r) => `${r.id} (${audits[r.id].title})`);
    problems.push(`${page}: ${id} ${scores[id]}: ${failing.join('; ')}`);
  }
}
await browser.close();
server.close();
finish('lighthouse', problems, `${PAGES.length} pages served on 127.0.0.1`);
