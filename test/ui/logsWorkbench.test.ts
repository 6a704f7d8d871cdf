// The logs workbench in the real workbench: a sandbox job provisions into a SaaS app that refuses
// some users, and the admin finds out why: filter the failures, group them by error code, read the
// explanation, export the result as CSV. Also takes the README's screenshot of the workbench.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { artifactsDir, connectSandboxAndExpandDemoApp, contextMenu, openWorkbench, palette, type Workbench } from './workbench';

const SCIM_ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

/**
 * A SaaS app's SCIM endpoint that refuses some users, as real apps do: it answers queries (so the
 * connection test and matching pass) and accepts groups, but of the users it is sent it reports
 * every third as a duplicate (409) and every third as invalid (400).
 */
async function pickySaasApp(): Promise<{ url: string; server: Server }> {
  let created = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/scim+json' });
        res.end(JSON.stringify(body));
      };
      const path = (req.url ?? '').split('?')[0];
      if (req.method === 'GET') return send(200, { schemas: [LIST], totalResults: 0, startIndex: 1, itemsPerPage: 0, Resources: [] });
      if (req.method === 'POST' && /\/Users$/.test(path)) {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { userName?: string };
        const n = created++;
        if (n % 3 === 0) return send(409, { schemas: [SCIM_ERROR], status: '409', scimType: 'uniqueness', detail: `A user named ${body.userName} already exists.` });
        if (n % 3 === 1) return send(400, { schemas: [SCIM_ERROR], status: '400', scimType: 'invalidValue', detail: 'The department is not one this app knows.' });
        return send(201, { ...body, id: `u${n}`, meta: { resourceType: 'User' } });
      }
      if (req.method === 'POST') return send(201, { ...JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}'), id: `g${created++}` });
      res.writeHead(204);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/scim`, server };
}

const webview = (page: Page): FrameLocator => page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');

/** Picks an option of a toolkit drop-down in the webview by its text. */
async function choose(view: FrameLocator, testId: string, option: string): Promise<void> {
  const dropdown = view.locator(`[data-testid="${testId}"]`);
  await dropdown.click();
  await dropdown.locator('vscode-option', { hasText: option }).first().click();
}

describe('UI: logs workbench (Playwright, real workbench, sandbox)', () => {
  let workbench: Workbench;
  let saas: { url: string; server: Server };
  const exported = join(artifactsDir, 'logs-workbench-failures.csv');

  before(async () => {
    saas = await pickySaasApp();
    workbench = await openWorkbench();
    mkdirSync(artifactsDir, { recursive: true });
    rmSync(exported, { force: true });
  });

  after(async () => {
    await workbench?.close();
    await new Promise((resolve) => saas?.server.close(resolve));
  });

  it('filters a cycle to its failures, groups them by error code, explains one and exports the result as CSV', async () => {
    const { page } = workbench;
    const { tree } = await connectSandboxAndExpandDemoApp(page);

    // A sandbox job that provisions every sandbox user into the picky app, started from its notification.
    await palette(page, 'Point a Sandbox Job at My SCIM App');
    const input = page.locator('.quick-input-box input');
    await page.locator('.quick-input-widget', { hasText: '(1/2)' }).waitFor({ timeout: 30_000 });
    await input.fill(saas.url);
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget', { hasText: '(2/2)' }).waitFor({ timeout: 30_000 });
    await input.fill('any-token');
    await page.keyboard.press('Enter');
    const toast = page.locator('.notification-toast', { hasText: 'now provisions' }).first();
    await toast.waitFor({ timeout: 60_000 });
    await toast.getByRole('button', { name: 'Start Provisioning' }).click();

    const app = tree.getByRole('treeitem', { name: /My SCIM App \(sandbox\)/ }).first();
    await app.waitFor({ timeout: 60_000 });
    await app.click();
    // Its job is the job row right below it (the tree may list the apps in either order).
    const jobs = tree.getByRole('treeitem', { name: /^Provisioning\b/ });
    for (let i = 0; i < 300 && (await jobs.count()) < 2; i++) await page.waitForTimeout(100);
    const appTop = (await app.boundingBox())!.y;
    let job = jobs.first();
    let best = Infinity;
    for (let i = 0; i < (await jobs.count()); i++) {
      const top = (await jobs.nth(i).boundingBox())?.y ?? -1;
      if (top > appTop && top < best) [best, job] = [top, jobs.nth(i)];
    }
    await job.click();
    await contextMenu(page, job, 'Open Logs Workbench');
    const view = webview(page);
    await view.locator('h1', { hasText: 'Provisioning logs' }).waitFor({ timeout: 60_000 });
    assert.match((await view.locator('.scope').textContent()) ?? '', /My SCIM App/);

    // Server-side filter: failures only. The cycle runs at the service's pace; search again until
    // the users it refused have all been logged.
    await choose(view, 'filter-status', 'Failure');
    const rows = view.locator('[data-testid="event-row"]');
    // Only rows in view are drawn: the count comes from the status line.
    const loaded = async () => Number(((await view.locator('.counts').textContent()) ?? '').replace(/[^\d]/g, '') || 0);
    const deadline = Date.now() + 150_000;
    let previous = -1;
    for (;;) {
      await view.locator('[data-testid="search"]').click();
      await view.locator('[data-testid="status"]', { hasText: /All matching events loaded|More events/ }).waitFor({ timeout: 30_000 });
      const count = await loaded();
      // The cycle is over when a few seconds bring no new failure.
      if (count >= 10 && count === previous) break;
      if (Date.now() > deadline) throw new Error(`the failures never stopped arriving (${count} so far)`);
      previous = count;
      await page.waitForTimeout(5000);
    }
    const failures = await loaded();
    const statuses = await rows.locator('.c-status').allTextContents();
    assert.ok(statuses.every((s) => s === 'Failure'), statuses.join(', '));

    // Client-side grouping by error code: one group per way the app refused users.
    await choose(view, 'group-by', 'Error code');
    const groups = view.locator('[data-testid="group-row"]');
    await groups.first().waitFor({ timeout: 10_000 });
    const labels = await groups.locator('.group-label').allTextContents();
    assert.deepEqual([...labels].sort(), ['SystemForCrossDomainIdentityManagementBadResponse', 'SystemForCrossDomainIdentityManagementServiceEntryAlreadyExists'].sort(), labels.join(', '));

    // The detail of a refused user: its steps and what the error means.
    await rows.first().click();
    const detail = view.locator('[data-testid="detail"]');
    await detail.locator('[data-testid="explanation"] h4').waitFor({ timeout: 30_000 });
    await detail.locator('.steps li').first().waitFor({ timeout: 30_000 });
    assert.doesNotMatch((await detail.locator('[data-testid="explanation"]').getAttribute('class')) ?? '', /unknown/, 'the catalogue explains a 400 from the app');

    // Export: the host asks where (VS Code's save dialog) and writes what it holds.
    await view.locator('[data-testid="export-csv"]').click();
    const path = page.locator('.quick-input-widget input');
    await path.waitFor({ timeout: 30_000 });
    for (let i = 0; i < 100 && !(await path.inputValue()).endsWith('.csv'); i++) await page.waitForTimeout(100);
    await path.fill(exported);
    // The dialog checks the typed path as it changes: Enter only once it has settled on it.
    for (let i = 0; i < 50 && (await path.inputValue()) !== exported; i++) await page.waitForTimeout(100);
    await page.waitForTimeout(500);
    await page.keyboard.press('Enter');
    await view.locator('.notice', { hasText: `Exported ${failures} events.` }).waitFor({ timeout: 30_000 });
    assert.ok(existsSync(exported), 'the CSV was written');
    const lines = readFileSync(exported, 'utf8').trimEnd().split('\r\n');
    assert.equal(lines[0], 'time,cycleId,jobId,app,action,status,errorCode,reason,sourceId,sourceName,targetId,targetName,changeId,id');
    assert.equal(lines.length - 1, failures, 'every failure the workbench loaded was exported');
    assert.ok(lines.slice(1).every((line) => line.split(',')[5] === 'failure'), 'only failures were exported');

    await page.waitForTimeout(800);
    assert.ok(await workbench.screenshot('readme-logs-workbench'));
  });
});
