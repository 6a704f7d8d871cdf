// Renders media/icon.svg to the 128×128 PNG the marketplace needs, with the same headless Chromium
// the tests use (no image tool to install). Run after editing the SVG: node scripts/renderIcon.mjs
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { chromiumArgs, findBrowser, missingBrowserMessage } from './vscode/codeServer.mjs';

const media = join(dirname(fileURLToPath(import.meta.url)), '..', 'media');
const executablePath = findBrowser();
if (!executablePath) throw new Error(missingBrowserMessage);
const browser = await chromium.launch({ executablePath, headless: true, args: chromiumArgs });
const page = await browser.newPage({ viewport: { width: 128, height: 128 } });
await page.setContent(`<html><body style="margin:0;background:transparent">${readFileSync(join(media, 'icon.svg'), 'utf8')}</body></html>`);
await page.locator('svg').screenshot({ path: join(media, 'icon.png'), omitBackground: true });
await browser.close();
console.log('wrote media/icon.png');
