import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ApiCommands, Result } from '@shared/api'
import { validCommandParams } from '@shared/api/stubs'
import { botConfig, type BotConfigInput } from '@shared/config/bot-config'
import type { CommandHandlers } from '../api/command-handlers'
import { dispatchCommand } from '../api/dispatch-command'
import { customEndpoints } from '../engine/exchange/binance/urls'
import { MemoryLogger } from '../engine/logging/logger'
import { MemoryKeyStore } from '../keys/memory-key-store'
import { AppService } from './app-service'

// Nothing listens there: a keyed mode, a connection test or a download fails at once, offline
const NOWHERE = customEndpoints('http://127.0.0.1:9', 'ws://127.0.0.1:9')
const METHODS = Object.keys(validCommandParams('g1')) as (keyof ApiCommands)[]
const HUGE = ['x'.repeat(900_000), '9'.repeat(900_000), `1.${'0'.repeat(900_000)}`, ' '.repeat(100_000)]
// A field path that reaches inside a payload; a number is a list entry
type Path = readonly (string | number)[]

let dataDir: string
let service: AppService
let handlers: CommandHandlers
let config: BotConfigInput

beforeAll(async () => {
  mkdirSync(join(process.cwd(), '.tmp'), { recursive: true })
  dataDir = mkdtempSync(join(process.cwd(), '.tmp', 'app-service-fuzz-'))
  service = new AppService({
    dataDir,
    version: '1',
    logger: new MemoryLogger(),
    transport: 'websocket',
    keyStore: new MemoryKeyStore(),
    paper: { tickMs: 50, seed: 7 },
    stateIntervalMs: 50,
    balanceIntervalMs: 200,
    endpoints: { testnet: NOWHERE, demo: NOWHERE, live: NOWHERE },
    klinesBaseUrl: 'http://127.0.0.1:9'
  })
  await service.start()
  const deadline = Date.now() + 20_000
  while (service.state().suggestedConfig === null && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50))
  const suggested = service.state().suggestedConfig
  if (suggested === null) throw new Error('the paper exchange offered no grid')
  handlers = service.handlers()
  // A running bot, so commands about a bot reach it; the configuration to break is a second one, in full
  expect(await handlers.startBot({ config: { ...suggested, id: 'g1', grid: { ...suggested.grid, grids: 6 } } })).toEqual({ ok: true, value: { botId: 'g1' } })
  const lower = Number(suggested.grid.lower)
  const upper = Number(suggested.grid.upper)
  config = botConfig({ ...suggested, id: 'g2', risk: { ...suggested.risk, takeProfit: String(Math.ceil(upper * 1.03)) } })
  expect(lower).toBeLessThan(upper)
}, 60_000)

afterAll(async () => {
  await service?.stop()
  if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true })
})

/** Text that is meant as a decimal and is not one, or only just is. */
const decimalJunk = fc.oneof(
  fc.constantFrom('abc', '', ' ', '-1', '+1', '1e3', 'NaN', 'Infinity', '0x10', '1.2.3', '٣', '1_000', '0', '0.0', '.', '5.', '.5', `${'1'.repeat(20)}.${'1'.repeat(20)}`, '1'.repeat(21), '0.'.padEnd(23, '0') + '1'),
  fc.stringMatching(/^[0-9.eE+-]{0,12}$/),
  fc.tuple(fc.nat(10 ** 9), fc.nat(10 ** 8)).map(([whole, part]) => `${whole}.${part}`)
)

/** Values of the right kind for some field, which reach past validation into the service. */
const plausible = fc.oneof(fc.integer({ min: -2, max: 1_002 }), fc.boolean(), fc.constantFrom('g1', 'g2', 'BTCUSDT', 'ETHUSDT', '1m', 'testnet', 'paper', 'file', 'download'))

/** Any value a transport can carry, including the wrong kinds for every field. */
const junk = fc.oneof(
  fc.jsonValue(),
  fc.anything({ withDate: true, withMap: true, withSet: true, withNullPrototype: true, withBigInt: true, withTypedArray: true }),
  fc.string({ maxLength: 64 }),
  fc.constantFrom(...HUGE),
  decimalJunk,
  fc.constantFrom(undefined, null, true, 0, -1, 1.5, Number.MAX_SAFE_INTEGER, Number.NaN, Number.POSITIVE_INFINITY, [], {}, 'g1', 'g2', 'BTCUSDT', 'paper', 'testnet')
)

/** Every place of a value that holds something, the value itself included. */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (value === null || typeof value !== 'object') return [prefix]
  return [prefix, ...Object.entries(value).flatMap(([key, inner]) => pathsOf(inner, [...prefix, Array.isArray(value) ? Number(key) : key]))]
}

/** Returns the value with one place set to `next` (or removed), or with a key it does not know added. */
function broken(value: unknown, path: Path, operation: 'set' | 'remove' | 'add', next: unknown): unknown {
  if (path.length === 0) return operation === 'add' && value !== null && typeof value === 'object' && !Array.isArray(value) ? { ...value, ['zz'.repeat(40)]: next } : next
  const [head, ...rest] = path as [string | number, ...(string | number)[]]
  const copy = (Array.isArray(value) ? [...(value as unknown[])] : { ...(value as object) }) as Record<string | number, unknown>
  if (rest.length === 0 && operation === 'remove') delete copy[head]
  else copy[head] = broken(copy[head], rest, operation, next)
  return copy
}

/** A command of the contract and a payload for it: one of its valid payloads broken at one place, or junk. */
const command = () => fc.constantFrom(...METHODS).chain((method) => {
  const base = validCommandParams('g1', config as Record<string, unknown>)[method]
  const paths = pathsOf(base)
  const breaking = fc
    .record({ index: fc.nat(paths.length - 1), operation: fc.constantFrom('set', 'set', 'remove', 'add') as fc.Arbitrary<'set' | 'remove' | 'add'>, next: fc.oneof(junk, decimalJunk, plausible) })
    .map(({ index, operation, next }) => broken(base, paths[index] ?? [], operation, next))
  return fc.tuple(fc.constant(method), fc.oneof({ weight: 4, arbitrary: breaking }, { weight: 1, arbitrary: junk }))
})

describe('commands about a running bot that the service once answered as internal errors', () => {
  it('refuses a level the bot does not have, naming the levels it has', async () => {
    expect(await dispatchCommand(handlers, 'releaseLevel', { botId: 'g1', level: 681 })).toEqual({
      ok: false,
      error: { code: 'unknown-level', message: 'bot g1 has no level 681: its levels are 0 to 6' }
    })
    expect(await dispatchCommand(handlers, 'holdLevel', { botId: 'g9', level: 1 })).toEqual({ ok: false, error: { code: 'unknown-bot', message: 'there is no bot g9' } })
  })

  it('refuses OCO prices the bot cannot take, naming each problem, and moves nothing', async () => {
    const moved = await dispatchCommand(handlers, 'moveOco', { botId: 'g1', stopLoss: '21847226.46', takeProfit: '68000' })
    expect(moved).toMatchObject({ ok: false, error: { code: 'invalid-params', message: expect.stringMatching(/^Stop-loss must be below the upper price \(\d+\); Take-profit must be above the stop-loss \(21847226\.46\)$/) } })
    expect(service.state().bots.find((bot) => bot.botId === 'g1')?.config.risk.stopLoss).not.toBe('21847226.46')
  })
})

describe('every command of the app, given any payload (property, fixed seed)', () => {
  it('answers a Result that is never an internal error, its message one short line for a person', { timeout: 180_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(command(), async ([method, payload]) => {
        const result: Result<unknown> = await dispatchCommand(handlers, method, payload)
        if (result.ok) return
        const { code, message } = result.error
        expect(code, `${method}: ${message.slice(0, 300)}`).not.toBe('internal')
        expect(message.length, `${method}: ${message.slice(0, 300)}`).toBeLessThan(1_000)
        expect(message).not.toMatch(/\n|DecimalError|ZodError|Invalid input: expected|\b(grid|fees|risk|orders|recenter|klines|baseTrades|marketState)\.[a-z]/)
      }),
      { seed: 20_261_128, numRuns: 1_000, endOnFailure: true }
    )
  })
})
