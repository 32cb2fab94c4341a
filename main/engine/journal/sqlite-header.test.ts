import { describe, expect, it } from 'vitest'
import { sqliteHeaderProblem } from './sqlite-header'

/** Builds a header with the given page size value and payload fractions. */
function header(rawPageSize = 4096, fractions: readonly number[] = [64, 32, 32]): Uint8Array {
  const bytes = new Uint8Array(100)
  bytes.set(new TextEncoder().encode('SQLite format 3\0'))
  bytes[16] = (rawPageSize >> 8) & 0xff
  bytes[17] = rawPageSize & 0xff
  bytes.set(fractions, 21)
  return bytes
}

describe('sqliteHeaderProblem', () => {
  it('accepts a sound header on a whole number of pages', () => {
    expect(sqliteHeaderProblem(header(), 4096 * 3)).toBeUndefined()
    expect(sqliteHeaderProblem(header(512), 512)).toBeUndefined()
    expect(sqliteHeaderProblem(header(1), 65536)).toBeUndefined()
  })

  it('names a file shorter than the header', () => {
    expect(sqliteHeaderProblem(header().subarray(0, 16), 16)).toMatch(/16 bytes long, shorter than the 100-byte SQLite header/)
  })

  it('names a file without the magic string', () => {
    const text = new TextEncoder().encode('SQLite format 2\0'.padEnd(100, ' '))
    expect(sqliteHeaderProblem(text, 4096)).toMatch(/does not start with the SQLite header/)
  })

  it('names an impossible page size or payload fractions', () => {
    expect(sqliteHeaderProblem(header(1000), 4000)).toMatch(/page size of 1000/)
    expect(sqliteHeaderProblem(header(256), 4096)).toMatch(/page size of 256/)
    expect(sqliteHeaderProblem(header(4096, [64, 32, 31]), 4096)).toMatch(/payload fractions/)
  })

  it('names a file cut off inside a page', () => {
    expect(sqliteHeaderProblem(header(), 4096 + 100)).toMatch(/4196 bytes long, not a whole number of 4096-byte pages/)
  })
})
