import { describe, expect, test } from 'vitest'
import { commandChannels, eventChannels } from './channels'
import { commandSchemas } from './command-schemas'

describe('the channel table', () => {
  test('gives every command and event its own channel', () => {
    const channels = [...Object.values(commandChannels), ...Object.values(eventChannels)]
    expect(new Set(channels).size).toBe(channels.length)
  })

  test('names channels as domain.action', () => {
    for (const channel of [...Object.values(commandChannels), ...Object.values(eventChannels)]) expect(channel).toMatch(/^[a-z]+\.[a-z][A-Za-z]*$/)
  })

  test('has a parameter schema for exactly the commands it routes', () => {
    expect(Object.keys(commandSchemas).sort()).toEqual(Object.keys(commandChannels).sort())
  })
})
