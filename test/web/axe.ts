import { readFileSync } from 'fs';
import { Page } from 'playwright-core';

const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core's WCAG 2 A/AA violations on the page as it is now ("rule: selectors"; [] when clean).
 * axe is evaluated through the DevTools protocol, so the page's CSP (script-src 'self') stays as it is.
 * Throws if axe checked nothing, so a page that failed to draw cannot pass.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  // A fade (a toast appearing) measured half-way reads as low contrast: let running transitions finish first.
  await page
    .waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity), null, {
      timeout: 3000,
    })
    .catch(() => undefined);
  await page.evaluate(AXE);
  const r = await page.evaluate(async () => {
    const res = await (window as any).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return {
      passes: res.passes.length as number,
      violations: res.violations.map((x: any) => `${x.id}: ${x.nodes.map((n: any) => n.target.join(' ')).join(', ')}`) as string[],
    };
  });
  if (r.passes < 5) throw new Error(`axe checked almost nothing (${r.passes} rules passed): is the page drawn?`);
  return r.violations;
}
