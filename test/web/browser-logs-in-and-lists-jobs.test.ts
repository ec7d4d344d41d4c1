import { mkdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, skipWithoutBrowser, submitLogin, type Browser } from './browser.ts';
import { startWebStack, type WebStack } from './stack.ts';

// The docs copy is refreshed on demand (TSBAREOS_UPDATE_SCREENSHOTS=1); otherwise a test run must
// not touch tracked files, so the screenshot goes to the temp dir.
const SCREENSHOT =
  process.env['TSBAREOS_UPDATE_SCREENSHOTS'] === '1'
    ? join(dirname(fileURLToPath(import.meta.url)), '../../docs/images/web-console.png')
    : join(tmpdir(), `tsbareos-web-console-${process.pid}.png`);

describe.skipIf(skipWithoutBrowser)('the page: log in through the form, run list jobs, see the table', () => {
  let stack: WebStack;
  let browser: Browser;
  beforeAll(async () => {
    stack = await startWebStack({ seedJobs: 60 });
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('logs in and shows the user and the director', async () => {
    const { page } = browser;
    await page.goto(stack.url);
    await submitLogin(page, 'alice', 'alicepw');
    await page.waitForSelector('#console-view:not([hidden])');
    expect(await page.textContent('#current-user')).toBe('alice');
    expect(await page.textContent('#current-director')).toBe('test-dir');
  });

  it('runs `list jobs` from the command line and fills the jobs table', async () => {
    const { page } = browser;
    await page.fill('#command', 'list jobs');
    await page.press('#command', 'Enter');
    await page.waitForFunction(() => document.getElementById('output')?.textContent?.includes('jobs (shown in the table above)'));
    const rows = await page.locator('#jobs-table tbody tr').count();
    expect(rows).toBe(60);
    const headers = await page.locator('#jobs-table thead th').allTextContents();
    expect(headers).toEqual(['jobid', 'name', 'client', 'starttime', 'duration', 'type', 'level', 'jobfiles', 'jobbytes', 'jobstatus']);
  });

  it('sorts by a column and filters by client and status', async () => {
    const { page } = browser;
    const firstIds = async (): Promise<number[]> => (await page.locator('#jobs-table tbody tr td:first-child').allTextContents()).map((t) => Number(t.replace(/,/g, '')));
    await page.click('#jobs-table th[data-key="jobid"]');
    const ascending = await firstIds();
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
    await page.click('#jobs-table th[data-key="jobid"]');
    const descending = await firstIds();
    expect(descending).toEqual([...descending].sort((a, b) => b - a));

    const client = await page.locator('#filter-client option').nth(1).getAttribute('value');
    await page.selectOption('#filter-client', client ?? '');
    const clients = await page.locator('#jobs-table tbody tr td:nth-child(3)').allTextContents();
    expect(clients.length).toBeGreaterThan(0);
    expect(new Set(clients)).toEqual(new Set([client]));
    await page.selectOption('#filter-client', '');
    await page.selectOption('#filter-status', 'T');
    const statuses = await page.locator('#jobs-table tbody tr td:last-child').allTextContents();
    expect(new Set(statuses)).toEqual(new Set(['T']));
    await page.selectOption('#filter-status', '');
  });

  it('runs a text command, keeps history, and shows a denied command as an error', async () => {
    const { page } = browser;
    await page.fill('#command', 'whoami');
    await page.press('#command', 'Enter');
    await page.waitForFunction(() => /\* whoami\nalice\n/.test(document.getElementById('output')?.textContent ?? ''));
    await page.fill('#command', 'version');
    await page.press('#command', 'Enter');
    await page.waitForFunction(() => document.getElementById('output')?.textContent?.includes('error FORBIDDEN'));
    await page.press('#command', 'ArrowUp');
    expect(await page.inputValue('#command')).toBe('version');
    await page.press('#command', 'ArrowUp');
    expect(await page.inputValue('#command')).toBe('whoami');
    await page.fill('#command', '');
  });

  it('takes the screenshot for docs/web.md', async () => {
    const { page } = browser;
    await page.fill('#command', 'status director');
    await page.press('#command', 'Enter');
    await page.waitForFunction(() => document.getElementById('output')?.textContent?.includes('* status director'));
    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(statSync(SCREENSHOT).size).toBeGreaterThan(10_000);
  });

  it('logs out and is back at the login form; the director session is gone', async () => {
    const { page } = browser;
    await page.click('#logout');
    await page.waitForSelector('#login-view:not([hidden])');
    expect(await page.textContent('#login-error')).toContain('logged out');
    expect(stack.gateway.gateway.sessionCount).toBe(0);
  });
});
