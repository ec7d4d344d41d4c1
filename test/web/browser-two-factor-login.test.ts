import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, skipWithoutBrowser, submitLogin, type Browser } from './browser.ts';
import { startWebStack, type WebStack } from './stack.ts';

describe.skipIf(skipWithoutBrowser)('the page: two-factor login (password, then OTP)', () => {
  let stack: WebStack;
  let browser: Browser;
  beforeAll(async () => {
    stack = await startWebStack({ service: 'tsb-2fa' });
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('shows the OTP prompt as an extra password field and logs in with the code', async () => {
    const { page } = browser;
    await page.goto(stack.url);
    await submitLogin(page, 'alice', 'alicepw');
    const answer = page.locator('#prompts input.pam-answer');
    await answer.waitFor();
    expect(await answer.getAttribute('type')).toBe('password');
    expect(await page.textContent('#prompts .prompt-text')).toContain("One-time password (OATH) for `alice':");
    await answer.fill(stack.fixture.hotp(0));
    await page.click('#login-submit');
    await page.waitForSelector('#console-view:not([hidden])');
    expect(await page.textContent('#current-user')).toBe('alice');
    await page.waitForSelector('#jobs-table tbody tr');
  });

  it('a wrong code shows the failure message and the form again', async () => {
    const { page } = browser;
    await page.click('#logout');
    await page.waitForSelector('#login-view:not([hidden])');
    await submitLogin(page, 'alice', 'alicepw');
    await page.locator('#prompts input.pam-answer').fill('000000');
    await page.click('#login-submit');
    await page.waitForSelector('#login-error:not([hidden])');
    expect(await page.textContent('#login-error')).toMatch(/^Login failed/);
    expect(await page.locator('#prompts input').count()).toBe(0);
  });
});
