import { describe, expect, it } from 'vitest'
import { ok } from '@shared/api'
import type { CommandHandlers } from './command-handlers'
import { dispatchCommand } from './dispatch-command'

/** Handlers whose pauseBot fails with `error`, and whose every other command answers ok. */
function handlersThrowing(error: unknown): CommandHandlers {
  return new Proxy({} as CommandHandlers, {
    get: (_target, name) => (name === 'pauseBot' ? async () => Promise.reject(error) : async () => ok(null))
  })
}

describe('dispatchCommand', () => {
  it('answers a handler that throws as internal, with the first line of its text cut short: never a stack or a whole input', async () => {
    const error = new Error(`[DecimalError] Invalid argument: ${'x'.repeat(900_000)}\n    at somewhere (file.ts:1:1)`)
    const answer = await dispatchCommand(handlersThrowing(error), 'pauseBot', { botId: 'b1' })
    expect(answer).toEqual({ ok: false, error: { code: 'internal', message: `${`[DecimalError] Invalid argument: ${'x'.repeat(900_000)}`.slice(0, 300)}…` } })
  })

  it('names a command it does not know, cut short', async () => {
    expect(await dispatchCommand(handlersThrowing(null), 'w'.repeat(10_000), {})).toEqual({
      ok: false,
      error: { code: 'unknown-command', message: `"${'w'.repeat(32)}…" (10000 characters) is not a command of the app` }
    })
    expect(await dispatchCommand(handlersThrowing(null), 42, {})).toEqual({ ok: false, error: { code: 'unknown-command', message: 'A nameless message is not a command of the app' } })
  })

  it('answers a payload that does not fit with a sentence per problem, and its problems as details', async () => {
    expect(await dispatchCommand(handlersThrowing(null), 'holdLevel', { botId: 'b 1', level: 1.5 })).toEqual({
      ok: false,
      error: { code: 'invalid-params', message: 'Bot id must be 1 to 8 letters or digits; Level must be a whole number', details: { problems: ['Bot id must be 1 to 8 letters or digits', 'Level must be a whole number'] } }
    })
  })
})
