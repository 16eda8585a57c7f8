// Layout on small phones, over every built page (not one per kind):
//   at 360 px, no figure is cut: every number cell (`.num`) is either wholly visible or wholly
//   hidden, both on the screen and inside the region it scrolls in (a cell cut at the edge
//   shows "61,00,000" as "1,00,000");
//   at 320 px with text at 200 % (the root font size doubled), no page scrolls sideways;
//   at 360 px, where the theme lays rows out as blocks, Chromium's accessibility tree still
//   holds every table, row, cell and header the markup has (a screen reader reads a table),
//   and every value shows its column's heading beside it (the label the stylesheet draws
//   from the table's --c1, --c2… or, past the sixteenth cell, the cell's data-label);
// Also counts, for the record, the pages with a table wider than the screen at 360 px.
import { launch, allPages, describe, url, finish } from './lib.mjs';

const pages = allPages().map(describe);
const problems = [];
let cut = 0;
let pagesCut = 0;
let wideTables = 0;
let scrolling = 0;
let labelled = 0;
const browser = await launch();

/** In the page: number cells whose text is partly inside the screen or their scroll region. */
function cutCells() {
  const clips = (el) => {
    const boxes = [{ left: 0, right: document.documentElement.clientWidth }];
    for (let p = el.parentElement; p; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o !== 'visible') {
        const r = p.getBoundingClientRect();
        boxes.push({ left: r.left + p.clientLeft, right: r.left + p.clientLeft + p.clientWidth });
      }
    }
    return boxes;
  };
  const out = [];
  for (const cell of document.querySelectorAll('.num')) {
    const range = document.createRange();
    range.selectNodeContents(cell);
    const t = range.getBoundingClientRect();
    if (t.width === 0) continue;
    for (const b of clips(cell)) {
      const inside = t.left >= b.left - 1 && t.right <= b.right + 1;
      const outside = t.right <= b.left + 1 || t.left >= b.right - 1;
      if (!inside && !outside) {
        out.push(`"${cell.textContent.trim()}" at ${Math.round(t.left)}–${Math.round(t.right)} in ${Math.round(b.left)}–${Math.round(b.right)}`);
        break;
      }
    }
  }
  const w = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll('table')].some((t) => t.getBoundingClientRect().width > w);
  return { cut: out, wide };
}

/** In the page: body cells whose drawn label (`::before`) is not their column's heading. */
function unlabelled() {
  const shown = (el) => el.textContent.replace(/\s+/g, ' ').trim();
  const out = [];
  let cells = 0;
  for (const t of document.querySelectorAll('.table table')) {
    const heads = [...t.querySelectorAll('thead th')].map(shown);
    for (const row of t.querySelectorAll('tbody tr, tfoot tr')) {
      [...row.children].forEach((cell, i) => {
        if (cell.tagName !== 'TD' || !cell.firstChild) return;
        cells += 1;
        const drawn = getComputedStyle(cell, '::before').content;
        const want = JSON.stringify(heads[i] ?? '');
        if (drawn !== want && out.length < 3) out.push(`${t.id || 'table'} cell ${i + 1}: ${drawn} for ${want}`);
      });
    }
  }
  return { cells, wrong: out };
}

/** Roles a table's parts have in the markup, and in the browser's accessibility tree. */
const TABLE_ROLES = { table: 'table', row: 'tr', cell: 'td', columnheader: 'th[scope=col]', rowheader: 'th[scope=row]' };

async function tableRoles(context, page) {
  const inMarkup = await page.evaluate((sel) => Object.fromEntries(
    Object.entries(sel).map(([role, s]) => [role, document.querySelectorAll(s).length]),
  ), TABLE_ROLES);
  if (!inMarkup.table) return [];
  const cdp = await context.newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  await cdp.detach();
  const inTree = {};
  for (const n of nodes) {
    const role = n.role && n.role.value;
    if (role in TABLE_ROLES && !n.ignored) inTree[role] = (inTree[role] || 0) + 1;
  }
  return Object.keys(TABLE_ROLES).filter((r) => (inTree[r] || 0) !== inMarkup[r])
    .map((r) => `${r}: ${inTree[r] || 0} in the accessibility tree, ${inMarkup[r]} in the markup`);
}

async function check(context, d) {
  const where = `${d.rel} [${d.lang}]`;
  const page = await context.newPage();
  await page.setViewportSize({ width: 360, height: 800 });
  await page.goto(url(d.file), { waitUntil: 'load' });
  const r = await page.evaluate(cutCells);
  if (r.wide) wideTables += 1;
  if (r.cut.length) {
    pagesCut += 1;
    cut += r.cut.length;
    problems.push(`${where} @360px: ${r.cut.length} number cell(s) partly visible: ${r.cut.slice(0, 3).join('; ')}`);
  }
  const l = await page.evaluate(unlabelled);
  labelled += l.cells;
  if (l.wrong.length) problems.push(`${where} @360px: values shown without their column's heading: ${l.wrong.join('; ')}`);
  const lost = await tableRoles(context, page);
  if (lost.length) problems.push(`${where} @360px: table semantics lost (${lost.join('; ')})`);

  await page.setViewportSize({ width: 320, height: 640 });
  const s = await page.evaluate(() => {
    document.documentElement.style.fontSize = '200%';
    const w = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll('body *')].filter((el) => {
      const b = el.getBoundingClientRect();
      return b.width > 0 && (b.right > w + 1 || b.left < -1) && !el.closest('.table');
    }).slice(0, 3).map((el) => el.tagName.toLowerCase() + (el.className ? '.' + el.className : ''));
    return { scroll: document.documentElement.scrollWidth - w, wide };
  });
  if (s.scroll > 0) {
    scrolling += 1;
    problems.push(`${where} @320px, text 200 %: page scrolls sideways by ${s.scroll}px (${s.wide.join(', ')})`);
  }
  await page.close();
}

const queue = [...pages];
await Promise.all([0, 1].map(async () => {
  const context = await browser.newContext({ reducedMotion: 'reduce' });
  for (let d = queue.shift(); d; d = queue.shift()) {
    try { await check(context, d); } catch {
      try { await check(context, d); } catch (e) { problems.push(`${d.rel}: could not check: ${e.message.split('\n')[0]}`); }
    }
  }
  await context.close();
}));
await browser.close();
// The samples have thousands of table cells: a selector gone wrong must not pass silently.
if (labelled < 1000) problems.push(`only ${labelled} labelled values found: the check is not reading the tables`);

finish('layout', problems, `${pages.length} pages; at 360 px: ${wideTables} with a table wider than the screen, `
  + `${cut} number cell(s) partly visible on ${pagesCut} page(s); at 320 px with text at 200 %: `
  + `${scrolling} page(s) scrolling sideways; ${labelled} values labelled with their heading at 360 px`);
