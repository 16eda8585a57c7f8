// axe-core over one page of every kind, in every language of every sample council, opened
// from file:// at 360 and 1280 px. Also: no request leaves file://, the page reflows at
// 320 px (400 % zoom) without horizontal scrolling, one h1, a main landmark, a working skip
// link, a visible keyboard focus, and small icons when CSS is off. Screenshots go to
// target/browser-shots/.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, pagesOfEveryKind, requireDep, url, shots, shotName, finish } from './lib.mjs';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const WIDTHS = [360, 1280];
const axeSource = readFileSync(requireDep.resolve('axe-core/axe.min.js'), 'utf8');

const pages = pagesOfEveryKind();
const problems = [];
const byRule = new Map();
const browser = await launch();

async function open(context, d, width) {
  const page = await context.newPage();
  await page.setViewportSize({ width, height: 800 });
  await page.goto(url(d.file), { waitUntil: 'load' });
  return page;
}

async function check(d) {
  const where = `${d.rel} [${d.council} ${d.lang} ${d.kind}]`;
  const context = await browser.newContext({ reducedMotion: 'reduce' });
  context.on('request', (r) => {
    const u = r.url();
    if (!/^(file|data|about):/.test(u)) problems.push(`${where}: network request to ${u}`);
  });

  for (const width of WIDTHS) {
    const page = await open(context, d, width);
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(
      (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
      TAGS,
    );
    for (const v of result.violations) {
      byRule.set(v.id, (byRule.get(v.id) || 0) + v.nodes.length);
      for (const n of v.nodes) {
        problems.push(`${where} @${width}px: axe ${v.id} (${v.impact}) ${JSON.stringify(n.target)} — ${v.help}`);
      }
    }
    await page.screenshot({ path: join(shots, shotName(d, `${width}.png`)), fullPage: true });

    if (width === WIDTHS[0]) {
      // Structure and keyboard, once per page.
      const s = await page.evaluate(() => {
        const first = document.querySelector('a[href], button, input, select, textarea, [tabindex]');
        const skip = document.querySelector('a.skip');
        const target = skip && document.getElementById(skip.getAttribute('href').slice(1));
        return {
          h1: document.querySelectorAll('h1').length,
          main: document.querySelectorAll('main').length,
          skipFirst: !!skip && first === skip,
          skipTarget: !!target,
        };
      });
      if (s.h1 !== 1) problems.push(`${where}: ${s.h1} h1 elements (want 1)`);
      if (s.main !== 1) problems.push(`${where}: ${s.main} main elements (want 1)`);
      if (!s.skipFirst) problems.push(`${where}: the skip link is not the first focusable element`);
      if (!s.skipTarget) problems.push(`${where}: the skip link's target is missing`);
      for (let i = 0; i < 3; i++) {
        await page.keyboard.press('Tab');
        const f = await page.evaluate(() => {
          const el = document.activeElement;
          const cs = getComputedStyle(el);
          const r = el.getBoundingClientRect();
          return {
            tag: el.tagName + (el.className ? '.' + el.className : ''),
            outline: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2,
            onScreen: r.width > 0 && r.height > 0 && r.right > 0 && r.left < innerWidth,
          };
        });
        if (!f.outline || !f.onScreen) {
          problems.push(`${where}: keyboard focus on ${f.tag} is not visible (outline ${f.outline}, on screen ${f.onScreen})`);
        }
      }

      // The menu's icons, drawn by the stylesheet: each icon link has a 20 px mark in the
      // link's own colour, masked by an SVG; in forced colours too (Windows high contrast),
      // where a background not kept would vanish.
      const icons = async () => page.evaluate(() => [...document.querySelectorAll('nav.main a[class^="i-"]')]
        .map((a) => {
          const b = getComputedStyle(a, '::before');
          const mask = b.maskImage !== 'none' ? b.maskImage : b.webkitMaskImage;
          const ok = b.width === '20px' && b.height === '20px' && /^url\("data:image\/svg\+xml,/.test(mask || '')
            && b.backgroundColor === getComputedStyle(a).color;
          return ok ? null : `${a.className} (${b.width}×${b.height}, ${b.backgroundColor} on ${getComputedStyle(a).color})`;
        }));
      const drawn = await icons();
      // A council's pages have its menu with icons; the site's own pages a menu without.
      const hasMenu = await page.evaluate(() => !!document.querySelector('header.site .council'));
      if (hasMenu && !drawn.length) problems.push(`${where}: no menu icons`);
      for (const bad of drawn.filter(Boolean)) problems.push(`${where}: menu icon not drawn: ${bad}`);
      await page.emulateMedia({ forcedColors: 'active' });
      for (const bad of (await icons()).filter(Boolean)) problems.push(`${where}: menu icon not drawn in forced colours: ${bad}`);
      await page.emulateMedia({ forcedColors: 'none' });

      // Reflow: 1280 px at 400 % zoom is 320 CSS px. Only table regions may scroll sideways.
      await page.setViewportSize({ width: 320, height: 640 });
      const overflow = await page.evaluate(() => {
        const w = document.documentElement.clientWidth;
        const wide = [...document.querySelectorAll('body *')].filter((el) => {
          if (el.closest('.table')) return false;
          const r = el.getBoundingClientRect();
          return r.width > 0 && (r.right > w + 1 || r.left < -1) && getComputedStyle(el).position !== 'absolute';
        }).slice(0, 3).map((el) => el.tagName.toLowerCase() + (el.className ? '.' + el.className : ''));
        return { scroll: document.documentElement.scrollWidth - w, wide };
      });
      if (overflow.scroll > 0) {
        problems.push(`${where} @320px: page scrolls sideways by ${overflow.scroll}px (${overflow.wide.join(', ')})`);
      }

      // Readable with CSS off: no giant icons, nothing hidden that matters.
      await page.setViewportSize({ width: 360, height: 800 });
      await page.evaluate(() => { for (const s of document.styleSheets) s.disabled = true; });
      const big = await page.evaluate(() => [...document.querySelectorAll('svg[aria-hidden="true"]')]
        .filter((el) => el.getBoundingClientRect().width > 32).length);
      if (big) problems.push(`${where}: ${big} decorative icon(s) wider than 32px with CSS off`);
      await page.screenshot({ path: join(shots, shotName(d, 'nocss.png')), fullPage: true });
    }
    await page.close();
  }
  await context.close();
}

// Two pages at a time: one per core.
const queue = [...pages];
await Promise.all([0, 1].map(async () => {
  for (let d = queue.shift(); d; d = queue.shift()) {
    // One retry: a busy machine can time a page out; a second failure is reported.
    try { await check(d); } catch {
      try { await check(d); } catch (e) { problems.push(`${d.rel}: could not check: ${e.message.split('\n')[0]}`); }
    }
  }
}));
await browser.close();
const unique = [...new Set(problems)].sort();

const rules = [...byRule].map(([id, n]) => `${id}×${n}`).join(', ') || 'none';
finish('axe', unique, `${pages.length} pages × ${WIDTHS.length} widths, tags ${TAGS.join(' ')}; violations by rule: ${rules}`);
