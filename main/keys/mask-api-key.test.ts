import { describe, expect, it } from 'vitest'
import { maskApiKey } from './mask-api-key'

describe('maskApiKey', () => {
  it('shows the first and last 4 characters of a key of 12 or more', () => {
    expect(maskApiKey('vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A')).toBe('vmPU…Eh8A')
    expect(maskApiKey('abcdefghijkl')).toBe('abcd…ijkl')
  })

  it('masks a shorter key entirely', () => {
    expect(maskApiKey('abcdefghijk')).toBe('…')
    expect(maskApiKey('k')).toBe('…')
    expect(maskApiKey('')).toBe('…')
  })
})
