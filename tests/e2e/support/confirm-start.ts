import { expect, type Page } from '@playwright/test'

/**
 * Confirms the start in its dialog as a person would: when the price moved since the plan was
 * shown, nothing is sent and the dialog shows the plan at the new price, which is read and
 * confirmed again (`onMoved` checks what the dialog says then). Resolves once the bot is running;
 * fails after a few moves in a row.
 */
export async function confirmStart(page: Page, onMoved: () => Promise<void> = async () => undefined): Promise<void> {
  const dialog = page.getByRole('dialog')
  const moved = dialog.getByRole('alert')
  const running = page.getByLabel('Bot status')
  // How often the dialog has said the price moved (it counts them)
  const moves = async () => ((await moved.count()) === 0 ? 0 : Number((await moved.getAttribute('data-moved', { timeout: 5_000 }).catch(() => null)) ?? '0'))
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const before = await moves()
    await dialog.getByRole('button', { name: 'Start and place the orders' }).click()
    // Either the dialog closes with the bot started, or it says once more that the price moved
    await expect
      .poll(async () => ((await dialog.count()) === 0 ? 'closed' : (await moves()) > before ? 'moved' : 'waiting'), { timeout: 60_000 })
      .not.toBe('waiting')
    if ((await dialog.count()) === 0) {
      await expect(running).toHaveText('Running')
      return
    }
    await onMoved()
  }
  throw new Error('the price moved before each of five confirmations: the start was never sent')
}
