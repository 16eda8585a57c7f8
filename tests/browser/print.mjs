// Print: for the home, budget, decision and tax-rate pages of every sample council (first
// language and English), emulate print media and check that navigation is hidden and the
// council name and page title are printed; then print each to PDF (A4) and check the file.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, pagesOfEveryKind, url, shots, shotName, finish } from './lib.mjs';

const KINDS = ['index', 'budget', 'decisions/*', 'tax-rates', 'profile'];
const pages = pagesOfEveryKind().filter((d) => KINDS.includes(d.kind));
const problems = [];
const browser = await launch();
const page = await browser.newPage();
await page.emulateMedia({ media: 'print' });

for (const d of pages) {
  const where = `${d.rel} [${d.lang} ${d.kind}]`;
  await page.goto(url(d.file), { waitUntil: 'load' });
  const s = await page.evaluate(() => {
    const shown = (el) => el && getComputedStyle(el).display !== 'none' && el.getClientRects().length > 0;
    const text = (el) => (el ? el.textContent.replace(/\s+/g, ' ').trim() : '');
    const line = document.querySelector('.print-only');
    return {
      navShown: [...document.querySelectorAll('nav')].filter(shown).length,
      skipShown: shown(document.querySelector('.skip')),
      line: shown(line) ? text(line) : '',
      council: text(document.querySelector('.council')),
      h1: text(document.querySelector('h1')),
    };
  });
  if (s.navShown) problems.push(`${where}: ${s.navShown} nav element(s) printed`);
  if (s.skipShown) problems.push(`${where}: the skip link is printed`);
  // Pages outside a council (the index of councils, comparisons) have no council line.
  if (!s.council) { /* nothing more to check */ } else if (!s.line) problems.push(`${where}: no printed .print-only line`);
  else {
    if (!s.line.includes(s.council)) problems.push(`${where}: printed line "${s.line}" lacks the council "${s.council}"`);
    if (!s.line.includes(s.h1)) problems.push(`${where}: printed line "${s.line}" lacks the title "${s.h1}"`);
  }
  const pdf = join(shots, shotName(d, 'print.pdf'));
  await page.pdf({ path: pdf, format: 'A4', printBackground: true, margin: { top: '15mm', bottom: '15mm', left: '15mm', right: '15mm' } });
  const bytes = readFileSync(pdf);
  const count = (bytes.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  if (bytes.length < 1000 || !bytes.subarray(0, 5).equals(Buffer.from('%PDF-')) || count < 1) {
    problems.push(`${where}: bad PDF ${pdf} (${bytes.length} bytes, ${count} pages)`);
  } else {
    console.log(`  ${where}: ${count} page(s), ${bytes.length} bytes`);
  }
}
await browser.close();
finish('print', problems, `${pages.length} pages printed to PDF in ${shots}`);
