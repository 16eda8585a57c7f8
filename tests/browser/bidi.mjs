// Numbers on right-to-left pages read left to right: on every built page whose language is
// written right to left (Urdu), every fiscal-year range ("2023-24"), amount ("8,000,000")
// and percentage ("45 %") in the page's text is drawn in its logical order. Each
// character's box, taken with Range.getClientRects, must lie to the right of the one before
// it on the same line; the bidi algorithm left alone draws "2023-24" after Urdu letters as
// "24-2023" and "45 %" as "% 45".
import { launch, allPages, describe, url, finish } from './lib.mjs';

const RTL = new Set(['ur', 'ar', 'fa', 'ps', 'sd', 'ks', 'he', 'dv']);
const pages = allPages().map(describe).filter((d) => RTL.has(d.lang.split('-')[0]));
const problems = [];
let checked = 0;
const browser = await launch();

/** In the page: each figure whose characters are not drawn left to right, and how many were looked at. */
function misordered() {
  // A fiscal-year range, a grouped amount, a percentage.
  const pattern = /\d{4}[-–/]\d{2,4}|\d{1,3}(?:,\d{2,3})+(?:\.\d+)?|\d+(?:\.\d+)?\s?%/g;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
    acceptNode: (n) => (n.parentElement.closest('script, style, svg') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  const bad = [];
  let seen = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const m of node.data.matchAll(pattern)) {
      const boxes = [];
      for (let i = m.index; i < m.index + m[0].length; i++) {
        if (/\s/.test(node.data[i])) continue;
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const r = range.getClientRects()[0];
        if (r && r.width > 0) boxes.push(r);
      }
      if (boxes.length < 2) continue;
      seen++;
      const ordered = boxes.every((b, i) => i === 0 || Math.abs(b.top - boxes[i - 1].top) > 2 || b.left >= boxes[i - 1].left - 0.5);
      if (!ordered) {
        const shown = [...boxes.keys()].sort((a, b) => boxes[a].left - boxes[b].left).length;
        bad.push(`${m[0]} (in "${node.data.trim().slice(0, 60)}", ${shown} glyphs out of order)`);
      }
    }
  }
  return { bad, seen };
}

try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  for (const d of pages) {
    await page.goto(url(d.file));
    const { bad, seen } = await page.evaluate(misordered);
    checked += seen;
    for (const b of bad) problems.push(`${d.rel}: ${b} reads right to left`);
  }
} finally {
  await browser.close();
}

// The check must have something to check: the Urdu sample has budgets, rates and projects.
if (pages.length === 0 || checked < 50) problems.push(`only ${checked} figures on ${pages.length} right-to-left pages were checked`);
finish('bidi', problems, `${checked} figures on ${pages.length} right-to-left pages checked`);
