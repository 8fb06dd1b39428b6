import AxeBuilder from '@axe-core/playwright';
import { expect, Page, test } from '@playwright/test';

// What every page must be for everyone: WCAG 2.2 AA as axe-core checks it (no serious or
// critical violation), and, in the phone project, usable on a 360 px screen.

export async function expectAccessible(page: Page, name: string) {
  await page.waitForLoadState('networkidle');
  // A long form's sections off the screen are not laid out (`content-visibility: auto`,
  // style/main.css), and axe measures what is not laid out as nothing: each is checked as
  // the user sees it once scrolled to.
  await page.evaluate(() => {
    for (const el of document.querySelectorAll<HTMLElement>('section, div')) {
      if (getComputedStyle(el).contentVisibility === 'auto') el.style.contentVisibility = 'visible';
    }
  });
  if (test.info().project.name === 'mobile') {
    expect(await phoneProblems(page), name).toEqual([]);
  }
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  const found = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id} ×${v.nodes.length}: ${v.nodes[0].target.join(' ')}`);
  expect(found, name).toEqual([]);
}

/// What keeps a page from being used on a 360 px phone: scrolling sideways, and controls
/// smaller than a fingertip (44×44 px). Links inside a sentence are exempt, as WCAG exempts
/// them; a checkbox counts with the label around it; a visually hidden input is reached
/// through its label.
function phoneProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const overflow = document.documentElement.scrollWidth - window.innerWidth;
    if (overflow > 0) found.push(`the page scrolls sideways by ${overflow} px`);
    const controls = document.querySelectorAll<HTMLElement>(
      'a[href], button, select, input:not([type=hidden]), textarea, summary');
    for (const control of controls) {
      const target = (control.matches('input[type=checkbox], input[type=radio]') && control.closest('label')) || control;
      const box = target.getBoundingClientRect();
      if (box.width <= 1 && box.height <= 1) continue;
      const inSentence = control.tagName === 'A' && getComputedStyle(control).display === 'inline'
        && control.parentElement?.textContent?.trim() !== control.textContent?.trim();
      if (inSentence) continue;
      if (box.width < 44 || box.height < 44) {
        const text = (control.textContent || control.getAttribute('aria-label') || control.getAttribute('name') || '').trim().slice(0, 30);
        found.push(`${control.tagName.toLowerCase()}.${control.className} "${text}" ${Math.round(box.width)}×${Math.round(box.height)}`);
      }
    }
    // A table is read in its own focusable box, its words whole: a narrow column that
    // breaks a word across lines reads as letters (a line may still end at a hyphen).
    for (const table of document.querySelectorAll('table')) {
      if (!table.closest('.table-wrap[tabindex="0"]')) found.push(`table.${table.className} scrolls in no focusable box`);
      for (const cell of Array.from(table.querySelectorAll<HTMLElement>('th, td')).slice(0, 300)) {
        // A cell on one line breaks no word: only taller ones are read word by word.
        const line = parseFloat(getComputedStyle(cell).lineHeight) || 24;
        if (cell.clientHeight < line * 1.8) continue;
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const text = node.textContent ?? '';
          for (const word of text.matchAll(/[^\s-]{3,}/g)) {
            const range = document.createRange();
            range.setStart(node, word.index!);
            range.setEnd(node, word.index! + word[0].length);
            const lines = new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top)));
            if (lines.size > 1) found.push(`table.${table.className}: “${word[0]}” broken across ${lines.size} lines`);
          }
        }
      }
    }
    return found;
  });
}

/// At 1280 px the review's tables fit the page: nothing, a progress bar least of all,
/// hides behind a sideways scroll.
export async function expectTablesFit(page: Page, name: string) {
  const cut = await page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('.table-wrap'))
      .filter((wrap) => wrap.scrollWidth > wrap.clientWidth)
      .map((wrap) => `${wrap.querySelector('table')?.className}: ${wrap.scrollWidth} > ${wrap.clientWidth}`));
  expect(cut, name).toEqual([]);
}
