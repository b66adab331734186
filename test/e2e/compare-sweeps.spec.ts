import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { join } from 'node:path';
import { askOverPage, startSweepOverPage, useLabHosts } from './browser-host';

/** A sweep's one progress (pause, resume, cancel the rest), "Train the best with more seeds", and the seeds journey. */

const lab = useLabHosts();

const spec = { input: [2], layers: [{ type: 'dense', units: 8 }, { type: 'tanh' }, { type: 'dense', units: 1 }, { type: 'sigmoid' }] };
const train = (epochs: number, optimizer: Record<string, unknown> = { type: 'adam', lr: 0.01 }) => ({ loss: 'bce', optimizer, batchSize: 32, epochs, seed: 4 });

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/${name}-light.png` });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: `test-results/${name}-dark.png` });
  await page.emulateMedia({ colorScheme: 'light' });
}

/** axe finds nothing on the page, light or dark, while `progress` still shows a running sweep. */
async function expectNoAxeViolations(page: Page, progress: Locator): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.waitForTimeout(300);
    await expect(progress).toHaveAttribute('data-state', 'running');
    const { violations } = await new AxeBuilder({ page }).analyze();
    expect(violations.map((v) => `${colorScheme} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/**
 * Opens the lab on one thread, so a sweep's runs train one after another (the rest still queued when paused), and
 * starts a grid sweep over the learning rates `rates` on Two moons.
 */
async function startOneByOne(page: Page, name: string, epochs: number, rates: number[]): Promise<Awaited<ReturnType<typeof startSweepOverPage>>> {
  await page.setViewportSize({ width: 1280, height: 800 });
  await lab.open(page, join(lab.dir, 'lab.db'), ['--threads', '1']);
  const started = await startSweepOverPage(page, 'Two moons', { name, spec, train: { ...train(epochs), batchSize: 8 }, sweep: { strategy: 'grid', parameters: { 'train.optimizer.lr': rates } } });
  expect(started.ok).toBe(true);
  return started;
}

function goTo(page: Page, hash: string): Promise<unknown> {
  return page.goto(page.url().replace(/#.*$/, '') + hash);
}

test('a sweep of 6 runs has one progress: Pause the rest survives a reload, Cancel the rest after the first finished keeps 6 runs, 5 stopped', async ({ page }) => {
  const started = await startOneByOne(page, 'Six rates', 100, [0.001, 0.002, 0.005, 0.01, 0.02, 0.05]);
  const ids = started.value!.runIds;
  expect(ids).toHaveLength(6);
  await goTo(page, `#/compare?runs=${ids.join(',')}`);
  const progress = page.getByTestId('compare-sweep-progress');
  await expect(progress).toContainText('Six rates');
  await expect(progress.getByTestId('sweep-progress-text')).toContainText('of 6 runs done');
  await progress.getByTestId('sweep-pause').click();
  // Held: the running run finishes, the queued ones wait; the state is the database's, so a reload keeps it.
  await expect(progress.getByTestId('sweep-resume')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('connection')).toHaveText('Connected');
  await expect(progress.getByTestId('sweep-resume')).toBeVisible();
  await expect(progress.getByTestId('sweep-progress-text')).toHaveText(/^[1-5] of 6 runs done · [1-5] held back$/, { timeout: 90_000 });
  const done = Number(/^(\d)/.exec((await progress.getByTestId('sweep-progress-text').textContent())!)![1]);
  // The bar's value is the exact fraction done (done of 6, nothing running), not a rounded percentage.
  const bar = progress.getByRole('progressbar');
  await expect(bar).toHaveAttribute('aria-valuetext', `${done} of 6 runs done · ${6 - done} held back`);
  const [now, max] = await Promise.all([bar.getAttribute('aria-valuenow'), bar.getAttribute('aria-valuemax')]);
  expect(Number(now) / Number(max)).toBe(done / 6);
  await expect(progress).toContainText('the queued ones wait until Resume');
  await shoot(page, 'compare-sweeps-held');

  await progress.getByTestId('sweep-cancel').click();
  await expect(progress.getByTestId('sweep-progress-text')).toHaveText(`6 of 6 runs done · ${6 - done} stopped`);
  await expect(progress.getByTestId('sweep-progress')).toHaveAttribute('data-state', 'finished');
  const sweepId = (started.value as unknown as { id: string }).id;
  const runs = await askOverPage<{ status: string }[]>(page, 'runs.search', { sweepId });
  expect(runs.value!).toHaveLength(6);
  expect(runs.value!.filter((r) => r.status === 'completed')).toHaveLength(done);
  expect(runs.value!.filter((r) => r.status === 'stopped')).toHaveLength(6 - done);
  await shoot(page, 'compare-sweeps-cancelled');

  // The run list keeps the sweep's 6 runs under its name.
  await page.getByRole('link', { name: 'Back to runs' }).click();
  await expect(page.getByTestId('sweep-group').filter({ hasText: 'Six rates' })).toContainText('6 runs');
});

test('the run list shows a live sweep’s progress under its name, with Pause the rest', async ({ page }) => {
  // 100 000 epochs each: still training whenever the test looks; Cancel the rest ends them.
  const started = await startOneByOne(page, 'Slow rates', 100_000, [0.001, 0.01, 0.1]);
  // While it trains, axe finds nothing on Compare's progress card (first: Compare reads every epoch stored, fewer now).
  await goTo(page, `#/compare?runs=${started.value!.runIds.join(',')}`);
  await expectNoAxeViolations(page, page.getByTestId('compare-sweep-progress').getByTestId('sweep-progress'));
  await goTo(page, '#/runs');
  const group = page.getByTestId('sweep-group').filter({ hasText: 'Slow rates' });
  await expect(group.getByTestId('sweep-progress-text')).toContainText('0 of 3 runs done · 1 running · 2 queued');
  // The running run's own bar says its exact epoch, and axe finds nothing on the run list.
  await page.locator('[data-testid="run-item"][data-status="running"]').click();
  await expect(page.getByTestId('progress-text')).toHaveAttribute('data-status', 'running');
  const runBar = page.getByTestId('progress-bar');
  const runText = page.getByTestId('progress-text');
  await expect
    .poll(async () => {
      const read = await Promise.all([runBar.getAttribute('aria-valuenow'), runText.getAttribute('data-epoch'), runBar.getAttribute('aria-valuemax'), runText.getAttribute('data-epochs')]);
      return read[0] === read[1] && read[2] === read[3] && Number(read[0]) > 0;
    })
    .toBe(true);
  await expectNoAxeViolations(page, group.getByTestId('sweep-progress'));
  await group.getByTestId('sweep-pause').click();
  await expect(group.getByTestId('sweep-progress-text')).toContainText('2 held back');
  await shoot(page, 'runs-sweep-progress');
  await group.getByTestId('sweep-cancel').click();
  await expect(group.getByTestId('sweep-progress')).toBeHidden();
});

test('Train the best with more seeds queues fresh seeds of the sweep’s best point and judges them against its run', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await lab.open(page, join(lab.dir, 'lab.db'));
  const started = await startSweepOverPage(page, 'Two moons', {
    name: 'Rates',
    spec,
    train: train(8),
    sweep: { strategy: 'grid', parameters: { 'train.optimizer.lr': [0.001, 0.01, 0.1] } },
  });
  const ids = started.value!.runIds;
  await goTo(page, `#/compare?runs=${ids.join(',')}`);
  await page.getByTestId('view-parallel').click();
  await expect(page.getByTestId('compare-sweep-progress').getByTestId('sweep-progress-text')).toHaveText('3 of 3 runs done', { timeout: 90_000 });
  await expect(page.getByTestId('parallel-best')).toContainText('lr=');
  const best = (await page.getByTestId('parallel-best').textContent())!;
  await page.getByTestId('best-seeds').fill('3');
  await shoot(page, 'compare-sweeps-train-best');
  await page.getByTestId('train-best').click();
  await expect(page).toHaveURL(/#\/compare\?runs=([^,&]+,){3}[^,&]+&vs=[^,&]+$/);
  await expect(page.getByTestId('compare-row')).toHaveCount(4);
  // Two progresses: the sweep's and the new group's.
  await expect(page.getByTestId('compare-sweep-progress').filter({ hasText: `${best} × 3 seeds` })).toBeVisible();
  // Once the 3 new seeds ended, the verdict judges them against the best run.
  await expect(page.getByTestId('verdict-sentence')).toContainText('1 run against 3 seeds', { timeout: 90_000 });
  await expect(page.getByTestId('verdict-sentence')).toContainText(best);
  await page.getByTestId('verdict').scrollIntoViewIfNeeded();
  await shoot(page, 'compare-sweeps-best-verdict');
});

test('journey: Repeat with 5 seeds on two optimizers, compare both groups, and read a paired verdict', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await lab.open(page, join(lab.dir, 'lab.db'));
  const adam = await askOverPage<{ id: string }>(page, 'runs.start', { name: 'Adam', spec, train: train(6, { type: 'adam', lr: 0.01 }) }, 'Two moons');
  const sgd = await askOverPage<{ id: string }>(page, 'runs.start', { name: 'SGD', spec, train: train(6, { type: 'sgd', lr: 0.1 }) }, 'Two moons');
  // Repeat each with 5 seeds from the window (both drawn from seed 4: the same 5 seeds, so the verdict pairs them).
  for (const run of [adam.value!, sgd.value!]) {
    await goTo(page, `#/compare?runs=${run.id}`);
    await expect(page.getByTestId('compare-actions')).toBeVisible();
    // The actions stay on screen from the group before: wait until they act on this run (under load, a click came
    // first and repeated the previous run).
    await expect(page.getByTestId('plan-run')).toHaveValue(run.id);
    await page.getByTestId('plan-seeds').fill('5');
    await page.getByTestId('repeat-button').click();
    await expect(page).toHaveURL(new RegExp(`#/compare\\?runs=${run.id}(,[^,]+){5}$`));
  }
  // Both groups from the run list: "Select" on each sweep group, then Compare.
  await goTo(page, '#/runs');
  for (const name of ['Adam × 5 seeds', 'SGD × 5 seeds']) await page.getByTestId('sweep-group').filter({ hasText: name }).getByTestId('check-sweep').click();
  await expect(page.getByTestId('compare-button')).toHaveText('Compare 10');
  await page.getByTestId('compare-button').click();
  await expect(page.getByTestId('compare-subtitle')).toContainText('10 runs');
  // Generous: 12 short runs on the pool; the verdict appears once every run has a value.
  const sentence = page.getByTestId('verdict-sentence');
  await expect(sentence).toContainText('5 seeds each', { timeout: 110_000 });
  await expect(sentence).toContainText('paired t-test');
  await expect(sentence).toContainText('validation loss');
  await expect(sentence).toContainText('adam');
  await expect(sentence).toContainText('sgd');
  await shoot(page, 'compare-sweeps-journey');
  await page.getByTestId('verdict').scrollIntoViewIfNeeded();
  await shoot(page, 'compare-sweeps-journey-verdict');
});
