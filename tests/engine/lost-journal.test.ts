import { mkdirSync, mkdtempSync, rmSync, truncateSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { botConfig } from '@shared/config/bot-config'
import { isBotIdInUseError } from '../../main/engine/bot/bot-id-in-use-error'
import { BOT_CONFIG, SimWorld } from './harness'

const folders: string[] = []
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

function world(): SimWorld {
  mkdirSync(join(process.cwd(), '.tmp'), { recursive: true })
  const folder = mkdtempSync(join(process.cwd(), '.tmp', 'lost-journal-'))
  folders.push(folder)
  return new SimWorld(join(folder, 'journal.sqlite'))
}

describe('a bot created again on an exchange that has its orders, its journal lost', () => {
  it('is refused before anything is stored or sent, and a bot of another id starts with ids of its own', async () => {
    const sim = world()
    await sim.boot()
    const first = await sim.exchange.allOrders({ symbol: 'BTCUSDT', limit: 1000 })
    expect(first.map((order) => order.clientOrderId)).toContain('gk-b1-A-1')
    sim.crash()
    // The journal emptied, its write-ahead log and shared memory gone: the engine sees no bot b1
    truncateSync(sim.journalPath, 0)
    rmSync(`${sim.journalPath}-wal`, { force: true })
    rmSync(`${sim.journalPath}-shm`, { force: true })

    let refusal: unknown
    await sim.boot().catch((error: unknown) => (refusal = error))
    expect(isBotIdInUseError(refusal)).toBe(true)
    expect((refusal as Error).message).toMatch(/^bot b1 is not created: the exchange already has \d+ open and \d+ earlier BTCUSDT orders of a bot with that id/)
    expect(sim.process?.journal.getBot('b1')).toBeUndefined()
    expect(await sim.exchange.allOrders({ symbol: 'BTCUSDT', limit: 1000 })).toEqual(first)
    sim.crash()

    await sim.boot(botConfig({ ...BOT_CONFIG, id: 'b2', grid: { ...BOT_CONFIG.grid, investment: '500' } }))
    const all = await sim.exchange.allOrders({ symbol: 'BTCUSDT', limit: 1000 })
    const ids = all.map((order) => order.clientOrderId as string)
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids.filter((id) => id.startsWith('gk-b2-')).length).toBeGreaterThan(5)
  })
})
