// HTML_CodeSniffer (WCAG 2 AA) over every built page, opened from file:// at 360 px: its
// errors fail, its warnings and notices (things a person must judge) are counted only.
import { readFileSync } from 'node:fs';
import { allPages, describe, launch, requireDep, url, finish } from './lib.mjs';

const source = readFileSync(requireDep.resolve('html_codesniffer/build/HTMLCS.js'), 'utf8');
const pages = allPages().map(describe);
const problems = [];
const byCode = new Map();
let warnings = 0;
const browser = await launch();
const page = await browser.newPage();
await page.setViewportSize({ width: 360, height: 800 });

for (const d of pages) {
  await page.goto(url(d.file), { waitUntil: 'load' });
  await page.addScriptTag({ content: source });
  const messages = await page.evaluate(
    () =>
      new Promise((done) => {
        window.HTMLCS.process('WCAG2AA', document, () => {
          done(
            window.HTMLCS.getMessages().map((m) => ({
              type: m.type,
              code: m.code,
              msg: m.msg,
              at: m.element && m.element.outerHTML ? m.element.outerHTML.slice(0, 120) : String(m.element && m.element.nodeName),
            })),
          );
        });
      }),
  );
  for (const m of messages) {
    if (m.type === 1) {
      byCode.set(m.code, (byCode.get(m.code) || 0) + 1);
      problems.push(`${d.rel} [${d.lang}]: ${m.code} — ${m.msg} at ${m.at}`);
    } else if (m.type === 2) {
      warnings += 1;
    }
  }
}
await browser.close();
for (const [code, n] of [...byCode].sort((a, b) => b[1] - a[1])) console.log(`  ${n} × ${code}`);
finish('htmlcs', problems, `${pages.length} pages checked at WCAG2AA, ${warnings} warning(s) to judge`);
