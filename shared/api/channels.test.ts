import { describe, expect, test } from 'vitest'
import { apiChannels } from './channels'

describe('apiChannels', () => {
  test('gives every method its own channel', () => {
    const channels = Object.values(apiChannels)
    expect(new Set(channels).size).toBe(channels.length)
  })

  test('names channels as domain.action', () => {
    for (const channel of Object.values(apiChannels)) expect(channel).toMatch(/^[a-z]+\.[a-z][A-Za-z]*$/)
  })
})
