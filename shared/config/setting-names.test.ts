import { describe, expect, it } from 'vitest'
import { botConfig } from './bot-config'
import { CONFIG_SETTING_NAMES, configSettingName } from './setting-names'

/** Every place in a value that holds a setting or a section, lists counted as one setting. */
function paths(value: unknown, prefix: readonly string[] = []): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [prefix.join('.')]
  return [prefix.join('.'), ...Object.entries(value).flatMap(([key, inner]) => paths(inner, [...prefix, key]))]
}

describe('configSettingName', () => {
  it('has a name for every setting and section of a full configuration, and for nothing else', () => {
    const full = botConfig({ id: 'b1', symbol: 'BTCUSDT', grid: { lower: '55000', upper: '65000', grids: 10, investment: '1000' }, risk: { stopLoss: '52000', takeProfit: '68000' } })
    expect(Object.keys(CONFIG_SETTING_NAMES).sort()).toEqual(paths(full).sort())
  })

  it('names a list entry by its place, and a setting it does not know by its place, cut short', () => {
    expect(configSettingName(['grid', 'lower'])).toBe('Lower price')
    expect(configSettingName(['orders', 'unknownQueryDelaysMs', 0])).toBe('Waits before asking about an unknown send (entry 1)')
    expect(configSettingName([])).toBe('The configuration')
    expect(configSettingName(['grid', 'y'.repeat(100)])).toBe(`The setting "grid.${'y'.repeat(27)}…" (105 characters)`)
  })
})
