import { expect, type Page } from '@playwright/test'

/**
 * Confirms the start in its dialog as a person would: when the price moved since the plan was
 * shown, nothing is sent and the dialog shows the plan at the new price, which is read and
 * confirmed again. Resolves once the bot is running; fails after a few moves in a row.
 */
export async function confirmStart(page: Page): Promise<void> {
  const dialog = page.getByRole('dialog')
  const moved = dialog.getByRole('alert')
  const running = page.getByLabel('Bot status')
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const before = Number((await moved.getAttribute('data-moved', { timeout: 1 }).catch(() => null)) ?? '0')
    await dialog.getByRole('button', { name: 'Start and place the orders' }).click()
    // Either the dialog closes with the bot started, or it says once more that the price moved
    await expect
      .poll(async () => ((await dialog.count()) === 0 ? 'closed' : Number((await moved.getAttribute('data-moved', { timeout: 1 }).catch(() => null)) ?? '0') > before ? 'moved' : 'waiting'), { timeout: 60_000 })
      .not.toBe('waiting')
    if ((await dialog.count()) === 0) {
      await expect(running).toHaveText('Running')
      return
    }
  }
  throw new Error('the price moved before each of five confirmations: the start was never sent')
}
