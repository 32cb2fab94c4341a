import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startPaperExchange } from './paper-exchange'

const folders: string[] = []
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

describe('startPaperExchange', () => {
  // Waits on the file, not on the clock: a loaded machine may take seconds to start the server
  it('keeps the paper account in the data folder while it runs, not only when it closes', { timeout: 60_000 }, async () => {
    mkdirSync(join(process.cwd(), '.tmp'), { recursive: true })
    const dataDir = mkdtempSync(join(process.cwd(), '.tmp', 'paper-exchange-'))
    folders.push(dataDir)
    const paper = await startPaperExchange({ dataDir, tickMs: 20, seed: 3, saveIntervalMs: 100 })
    const file = join(dataDir, 'paper', 'account.json')
    try {
      // Written by the periodic save, the server still running (a crash now would keep it)
      const deadline = Date.now() + 50_000
      while (!existsSync(file) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50))
      expect(existsSync(file)).toBe(true)
      expect(JSON.parse(readFileSync(file, 'utf8'))).toHaveProperty('header')
      expect(paper.apiKey).toMatch(/^paper-[0-9a-f]{32}$/)
    } finally {
      await paper.close()
    }
  })
})
