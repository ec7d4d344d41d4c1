/**
 * Debian's chromium driven by playwright-core, headless, with a fresh profile per launch and none of
 * the background traffic (updates, sync, QUIC) a test machine should not make.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM, announceSkip, requireFiles } from '../helpers/prereqs.ts';
import { pamPrereq } from './stack.ts';

const chromiumPrereq = requireFiles('chromium (Debian package chromium)', [CHROMIUM]);
export const skipWithoutBrowser = announceSkip(pamPrereq) || announceSkip(chromiumPrereq);

export interface Browser {
  readonly page: Page;
  close(): Promise<void>;
}

export async function openBrowser(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'tsb-chromium-'));
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1200, height: 900 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    page,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function submitLogin(page: Page, username: string, password: string): Promise<void> {
  await page.fill('#username', username);
  await page.fill('#password', password);
  await page.click('#login-submit');
}
