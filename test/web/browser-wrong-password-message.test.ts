import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, skipWithoutBrowser, submitLogin, type Browser } from './browser.ts';
import { startWebStack, type WebStack } from './stack.ts';

describe.skipIf(skipWithoutBrowser)('the page: wrong password', () => {
  let stack: WebStack;
  let browser: Browser;
  beforeAll(async () => {
    stack = await startWebStack();
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('shows "Login failed" and stays on the login form, ready for another try', async () => {
    const { page } = browser;
    await page.goto(stack.url);
    await submitLogin(page, 'alice', 'wrong-password');
    await page.waitForSelector('#login-error:not([hidden])');
    expect(await page.textContent('#login-error')).toBe('Login failed: wrong user name, password or code.');
    expect(await page.isVisible('#console-view')).toBe(false);
    expect(await page.inputValue('#password')).toBe('');
    expect(await page.isEnabled('#login-submit')).toBe(true);

    await submitLogin(page, 'alice', 'alicepw');
    await page.waitForSelector('#console-view:not([hidden])');
  });
});
