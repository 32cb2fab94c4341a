import { describe, expect, it } from 'vitest'
import { strategyFlag } from './strategy-flag'

describe('the chaos command line strategy switch', () => {
  it('is on by default and leaves the other arguments alone', () => {
    expect(strategyFlag(['--runs', '5'])).toEqual({ ok: true, strategy: true, args: ['--runs', '5'] })
  })

  it('is turned off by --no-strategy, --strategy false and --strategy=false', () => {
    for (const argv of [['--no-strategy'], ['--strategy', 'false'], ['--strategy=false']]) {
      expect(strategyFlag([...argv, '--seed', '3'])).toEqual({ ok: true, strategy: false, args: ['--seed', '3'] })
    }
  })

  it('stays on with --strategy and --strategy true, without eating the next option', () => {
    expect(strategyFlag(['--strategy', '--runs', '2'])).toEqual({ ok: true, strategy: true, args: ['--runs', '2'] })
    expect(strategyFlag(['--strategy', 'true'])).toEqual({ ok: true, strategy: true, args: [] })
  })

  it('refuses a value it does not know', () => {
    expect(strategyFlag(['--strategy=maybe'])).toEqual({ ok: false, error: '--strategy takes true or false, not "maybe"' })
    expect(strategyFlag(['--strategy', 'maybe'])).toEqual({ ok: false, error: '--strategy takes true or false, not "maybe"' })
  })
})
