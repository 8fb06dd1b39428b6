import AxeBuilder from '@axe-core/playwright';
import { expect, Page, test } from '@playwright/test';

// What every page must be for everyone: WCAG 2.2 AA as axe-core checks it (no serious or
// critical violation), and, in the phone project, usable on a 360 px screen.

export async function expectAccessible(page: Page, name: string) {
  await page.waitForLoadState('networkidle');
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
    return found;
  });
}
