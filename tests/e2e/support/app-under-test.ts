import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { _electron as electron, type Browser, type Page } from '@playwright/test'
import { PAPER_KEY, startServe } from './processes'

/** Where the specs run the app: in Chromium against `gridkeeper serve`, or as the Electron desktop app. */
export const TARGET: 'browser' | 'electron' = process.env['GRIDKEEPER_E2E_TARGET'] === 'electron' ? 'electron' : 'browser'

/** The app opened for a spec: its window, and how to close it. */
export interface AppUnderTest {
  readonly page: Page
  /** What the app wrote to standard output and error. */
  output(): string
  /** Closes the app (serve or the desktop app) and its page. */
  close(): Promise<void>
}

/** Where a spec's app trades: a paper server process for Paper mode, another for Testnet mode; where backtests download klines. */
export interface AppOptions {
  readonly paperRest?: string
  readonly testnetRest?: string
  readonly klinesUrl?: string
}

/**
 * Opens the app on a data folder: `gridkeeper serve` and a new Chromium page on its address, or
 * the Electron app (through `_electron.launch`) with the same data folder and servers given by
 * environment variables its main process reads.
 */
export async function openApp(browser: Browser, dataDir: string, options: AppOptions): Promise<AppUnderTest> {
  if (TARGET === 'electron') return openElectron(dataDir, options)
  const serve = await startServe(dataDir, options)
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } })
  await page.goto(serve.url)
  return {
    page,
    output: () => serve.started.output(),
    close: async () => {
      await page.close()
      await serve.started.stop()
    }
  }
}

/** The Electron executable as bin/start.cjs finds it, or undefined when the runtime is not installed. */
export function electronExecutable(): string | undefined {
  let packageDir: string
  try {
    packageDir = dirname(require.resolve('electron/package.json', { paths: [process.cwd()] }))
  } catch {
    return undefined
  }
  const pathFile = join(packageDir, 'path.txt')
  const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : ''
  const override = process.env['ELECTRON_OVERRIDE_DIST_PATH']
  if (!override && name === '') return undefined
  const candidate = join(override || join(packageDir, 'dist'), name || 'electron')
  return existsSync(candidate) ? candidate : undefined
}

async function openElectron(dataDir: string, options: AppOptions): Promise<AppUnderTest> {
  const executablePath = electronExecutable()
  if (executablePath === undefined) throw new Error('the Electron runtime is not installed')
  let output = ''
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    GRIDKEEPER_DATA_DIR: dataDir,
    ...(options.paperRest === undefined ? {} : { GRIDKEEPER_PAPER_SERVER: options.paperRest, GRIDKEEPER_API_KEY: PAPER_KEY.apiKey, GRIDKEEPER_API_SECRET: PAPER_KEY.secret }),
    ...(options.testnetRest === undefined ? {} : { GRIDKEEPER_TESTNET_URL: options.testnetRest }),
    ...(options.klinesUrl === undefined ? {} : { GRIDKEEPER_KLINES_URL: options.klinesUrl })
  }
  delete env['ELECTRON_RUN_AS_NODE']
  const app = await electron.launch({ executablePath, args: [process.cwd()], env })
  app.process().stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  app.process().stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const page = await app.firstWindow()
  await page.setViewportSize({ width: 1400, height: 1000 })
  return {
    page,
    output: () => output,
    close: async () => {
      // Quitting with orders open asks what to do with them; the tests leave them on the exchange
      await app.evaluate(({ dialog }) => {
        dialog.showMessageBox = async () => ({ response: 0, checkboxChecked: false })
      })
      await app.close()
    }
  }
}
