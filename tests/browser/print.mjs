// Print: for one page of every kind of every sample council in each language, and the
// site's own pages, emulate print media and check
// that navigation is hidden and the council name and page title are printed; then print
// each to PDF (A4, as its @page rules say) and read each printed page back with pdftotext:
// every page carries the council's name and its page number, and no page before the last
// is mostly empty.
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { launch, pagesOfEveryKind, url, shots, shotName, finish } from './lib.mjs';


// Each page of a PDF as pdftotext (poppler) reads it: its height and its words with their
// boxes, in points from the top.
function pdfPages(file) {
  const xml = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const unescape = (t) => t.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  return [...xml.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)].map((m) => ({
    height: Number(m[2]),
    words: [...m[3].matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)]
      .map((w) => ({ yMin: Number(w[2]), yMax: Number(w[4]), text: unescape(w[5]) })),
  }));
}

// Text compared without spaces, direction marks and joiners, as PDF text extraction splits
// and joins words its own way.
const squeezed = (t) => t.normalize('NFC').replace(/[\s\u200b-\u200f\u2066-\u2069\u061c]/g, '');
// Digits of any script as ASCII, for the page numbers of Nepali, Bengali and Urdu pages.
const asciiDigits = (t) => t.replace(/\p{Nd}/gu, (c) => {
  for (const zero of [0x966, 0x9e6, 0x6f0, 0x660, 0xf20]) {
    const v = c.codePointAt(0) - zero;
    if (v >= 0 && v <= 9) return String(v);
  }
  return c;
});
const pages = pagesOfEveryKind();
const problems = [];
const browser = await launch();
const page = await browser.newPage();
await page.emulateMedia({ media: 'print' });
// The width of an A4 page between the margins of the stylesheet's @page rule (210 mm less
// 2 × 14 mm, at 96 px to the inch): anything wider is cut off on paper.
const A4_INNER = Math.floor(((210 - 28) / 25.4) * 96);
await page.setViewportSize({ width: A4_INNER, height: 1000 });

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
      callHidden: !!document.querySelector('.call') && !shown(document.querySelector('.call')),
      wide: Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - innerWidth,
    };
  });
  if (s.navShown) problems.push(`${where}: ${s.navShown} nav element(s) printed`);
  if (s.skipShown) problems.push(`${where}: the skip link is printed`);
  if (s.callHidden) problems.push(`${where}: the complaint number is not printed`);
  if (s.wide > 1) problems.push(`${where}: ${s.wide} px wider than an A4 page; cut off on paper`);
  // Pages outside a council (the index of councils, comparisons) have no council line.
  if (!s.council) { /* nothing more to check */ } else if (!s.line) problems.push(`${where}: no printed .print-only line`);
  else {
    if (!s.line.includes(s.council)) problems.push(`${where}: printed line "${s.line}" lacks the council "${s.council}"`);
    if (!s.line.includes(s.h1)) problems.push(`${where}: printed line "${s.line}" lacks the title "${s.h1}"`);
  }
  const pdf = join(shots, shotName(d, 'print.pdf'));
  // The page's own @page rules decide size and margins, as when a reader prints.
  await page.pdf({ path: pdf, format: 'A4', printBackground: true, preferCSSPageSize: true });
  const bytes = readFileSync(pdf);
  if (bytes.length < 1000 || !bytes.subarray(0, 5).equals(Buffer.from('%PDF-'))) {
    problems.push(`${where}: bad PDF ${pdf} (${bytes.length} bytes)`);
    continue;
  }
  const sheets = pdfPages(pdf);
  sheets.forEach((sheet, i) => {
    const at = `${where} printed page ${i + 1} of ${sheets.length}`;
    const text = sheet.words.map((w) => w.text).join(' ');
    // The running head names the council on every page; the foot numbers the pages.
    // Right-to-left text comes out of a PDF in the order its glyphs are drawn.
    const name = squeezed(s.council);
    const found = squeezed(text);
    if (s.council && !found.includes(name) && !found.includes([...name].reverse().join(''))) problems.push(`${at}: no council name "${s.council}" in "${text.slice(0, 120)}…"`);
    const numbers = asciiDigits(text);
    const numbered = [`${i + 1} / ${sheets.length}`, `${sheets.length} / ${i + 1}`].some((n) => new RegExp(`(^|\\D)${n}($|\\D)`).test(numbers));
    if (s.council && !numbered) problems.push(`${at}: no page number "${i + 1} / ${sheets.length}"`);
    // A page before the last that is mostly empty: its content ends above 60 % of the
    // space between the running head and foot.
    if (i < sheets.length - 1) {
      const top = sheet.height * 0.08, bottom = sheet.height * 0.92;
      const body = sheet.words.filter((w) => w.yMin > top && w.yMax < bottom);
      const end = Math.max(top, ...body.map((w) => w.yMax));
      const used = (end - top) / (bottom - top);
      if (process.env.KHULA_PRINT_DEBUG) console.log(`    ${at}: ${Math.round(used * 100)} % used`);
      if (used < 0.6) problems.push(`${at}: ${Math.round(used * 100)} % of the page used before a page break`);
    }
  });
  console.log(`  ${where}: ${sheets.length} page(s), ${bytes.length} bytes`);
}
await browser.close();
finish('print', problems, `${pages.length} pages printed to PDF in ${shots}`);
