import { describe, expect, it } from 'vitest'
import type { ApiCommands } from './api'
import { COMMAND_PARAM_NAMES } from './command-param-names'
import { parseCommandParams } from './parse-command-params'
import { validCommandParams } from './stubs'

const METHODS = Object.keys(validCommandParams('b1')) as (keyof ApiCommands)[]

/** Every place in a payload that holds a parameter, a bot configuration counted as one. */
function paths(value: unknown, prefix: readonly string[] = []): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || prefix[0] === 'config') return [prefix.join('.')]
  return [prefix.join('.'), ...Object.entries(value).flatMap(([key, inner]) => paths(inner, [...prefix, key]))]
}

describe('parseCommandParams', () => {
  it('takes a valid payload of every command', () => {
    for (const method of METHODS) expect([method, parseCommandParams(method, validCommandParams('b1')[method]).ok]).toEqual([method, true])
  })

  it('has a name for every parameter of every command', () => {
    const named = new Set(Object.keys(COMMAND_PARAM_NAMES))
    const unnamed = METHODS.flatMap((method) => paths(validCommandParams('b1')[method])).filter((path) => !named.has(path))
    expect(unnamed).toEqual([])
  })

  it('words each problem as a sentence naming the parameter, with no field path', () => {
    expect(parseCommandParams('holdLevel', { botId: 'grid1', level: -1 })).toEqual({ ok: false, problems: ['Level must be at least 0'] })
    expect(parseCommandParams('emergencyStop', { botId: 'no spaces!' })).toEqual({ ok: false, problems: ['Bot id must be 1 to 8 letters or digits', 'Whether to sell the base is missing'] })
    expect(parseCommandParams('holdLevel', 'grid1')).toEqual({ ok: false, problems: ['The request must be a group of named settings'] })
    expect(parseCommandParams('getInfo', {})).toEqual({ ok: false, problems: ['The request must be left out: nothing goes there'] })
    expect(parseCommandParams('setMode', { mode: 'mainnet' })).toEqual({ ok: false, problems: ['Trading mode must be one of paper, testnet, demo, live'] })
  })

  it('names junk in the OCO prices, repeating only a few dozen characters of it', () => {
    const junk = 'x'.repeat(900_000)
    expect(parseCommandParams('moveOco', { botId: 'b1', stopLoss: junk, takeProfit: '' })).toEqual({
      ok: false,
      problems: [`Stop-loss must be a number like 52000, not "${'x'.repeat(32)}…" (900000 characters)`, 'Take-profit is empty: write a number like 68000']
    })
    expect(parseCommandParams('moveOco', { botId: 'b1', stopLoss: 52000, takeProfit: '0' })).toEqual({
      ok: false,
      problems: ['Stop-loss must be written as text in quotes, like "52000", so it stays exact', 'Take-profit must be greater than zero']
    })
  })

  it('names a parameter it does not know, cut short', () => {
    const parsed = parseCommandParams('pauseBot', { botId: 'b1', ['z'.repeat(10_000)]: true })
    expect(parsed).toEqual({ ok: false, problems: [`The request has a setting it does not know: "${'z'.repeat(32)}…" (10000 characters)`] })
  })
})
