import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from '@playwright/test'
import { openApp, type AppUnderTest } from './app-under-test'
import { startPaperServerProcess, type Started } from './processes'
import { writeSawtoothKlines } from './sawtooth-klines'

/** Where the specs save their screenshots. */
export const SHOTS = process.env['GRIDKEEPER_SCREENSHOTS'] ?? join(process.cwd(), '.tmp', 'screenshots')

/** A spec's world: its folder, a paper server whose price swings 59,550 – 60,450 on every candle, and the app open on it. */
export interface PaperWorld {
  readonly folder: string
  readonly paper: { readonly started: Started; readonly rest: string }
  readonly app: AppUnderTest
  readonly page: Page
}

/**
 * Starts a paper server replaying a sawtooth around 60,000 and opens the app on a fresh data
 * folder, trading Paper mode on that server (`as: 'paper'`) or Testnet mode (`as: 'testnet'`).
 */
export async function openPaperWorld(browser: Browser, as: 'paper' | 'testnet', prefix = 'e2e-'): Promise<PaperWorld> {
  mkdirSync(join(process.cwd(), '.tmp'), { recursive: true })
  mkdirSync(SHOTS, { recursive: true })
  const folder = mkdtempSync(join(process.cwd(), '.tmp', prefix))
  writeSawtoothKlines(join(folder, 'klines.json'), { mid: 60_000, swing: 450, candles: 2_000 })
  const paper = await startPaperServerProcess(join(folder, 'klines.json'), 20)
  const app = await openApp(browser, join(folder, 'data'), as === 'paper' ? { paperRest: paper.rest } : { testnetRest: paper.rest })
  return { folder, paper, app, page: app.page }
}

/** Closes the app and the paper server and removes the folder; safe on a world that never opened. */
export async function closePaperWorld(world: PaperWorld | undefined): Promise<void> {
  await world?.app.close()
  await world?.paper.started.stop()
  if (world !== undefined) rmSync(world.folder, { recursive: true, force: true })
}
