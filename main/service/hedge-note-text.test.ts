import { describe, expect, it } from 'vitest'
import { hedgeNoteText } from './hedge-note-text'

describe('hedgeNoteText', () => {
  it('says each kind of note in words, without its code', () => {
    expect(hedgeNoteText('dust:6')).toBe('Kept as dust on level 6, too small for an order')
    expect(hedgeNoteText('netted:3')).toBe('Netted against an opposite order on level 3')
    expect(hedgeNoteText('none:acquire')).toBe('None needed: the grid bought its starting base')
    expect(hedgeNoteText('replanned:traded by the grid before the re-plan; held outside the grid')).toBe('None: traded before the grid was re-planned, held outside the grid')
    expect(hedgeNoteText('sold:stop-loss')).toBe('None: sold by the stop-loss exit')
    expect(hedgeNoteText('sold:gk-x-1: 0.002 of it sold')).toBe('None: sold by the sale gk-x-1 (0.002 of it sold)')
  })

  it('has nothing to say of a fill without a note', () => {
    expect(hedgeNoteText(null)).toBeNull()
  })
})
