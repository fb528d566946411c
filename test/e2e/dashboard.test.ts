/**
 * The professional's dashboard (issue 6) renders in the real renderer, from the header link, with
 * its figures and charts, and has no serious or critical axe-core violation.
 */
import { describe, expect, it } from 'vitest';
import { appForTests, openApp, uniqueDb, visible } from './app';
import { seriousAxeViolations } from './harness';

const app = appForTests();

describe('the dashboard', () => {
  it('opens from the header, shows the figures with text alternatives, and passes axe-core', async () => {
    const { page } = app;
    await openApp(page, app.urlFor(uniqueDb('dashboard'), { demo: true }));
    await page.getByRole('link', { name: 'Tableau de bord' }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'Tableau de bord' }));
    // The demo history holds closed interviews: the charts get data and a table of the numbers.
    await visible(page.getByRole('table').first());
    expect(await page.getByRole('table').count()).toBeGreaterThan(0);
    const charts = page.locator('svg[aria-label], [role="img"][aria-label]');
    await visible(charts.first());
    const violations = await seriousAxeViolations(page);
    expect(violations, JSON.stringify(violations, null, 1)).toEqual([]);
  });
});
