import { describe, expect, it } from 'vitest'
import { SeededRandom } from './seeded-random'

const take = (random: SeededRandom, count: number) => Array.from({ length: count }, () => random.next())

describe('SeededRandom', () => {
  it('repeats the same sequence for the same seed and differs for another seed', () => {
    expect(take(new SeededRandom(42), 20)).toEqual(take(new SeededRandom(42), 20))
    expect(take(new SeededRandom(42), 20)).not.toEqual(take(new SeededRandom(43), 20))
  })

  it('matches the reference mulberry32 sequence for seed 1', () => {
    expect(take(new SeededRandom(1), 3)).toEqual([0.6270739405881613, 0.002735721180215478, 0.5274470399599522])
  })

  it('stays in [0, 1) and spreads over the interval', () => {
    const values = take(new SeededRandom(7), 10_000)
    expect(values.every((value) => value >= 0 && value < 1)).toBe(true)
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length
    expect(mean).toBeGreaterThan(0.48)
    expect(mean).toBeLessThan(0.52)
  })

  it('draws whole numbers within bounds, both ends reachable', () => {
    const random = new SeededRandom(3)
    const seen = new Set(Array.from({ length: 500 }, () => random.int(2, 5)))
    expect([...seen].sort()).toEqual([2, 3, 4, 5])
  })

  it('draws normal values with mean near 0 and deviation near 1', () => {
    const random = new SeededRandom(11)
    const values = Array.from({ length: 20_000 }, () => random.normal())
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length
    const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length
    expect(Math.abs(mean)).toBeLessThan(0.03)
    expect(Math.abs(Math.sqrt(variance) - 1)).toBeLessThan(0.03)
  })

  it('derives independent, reproducible generators per salt', () => {
    expect(take(SeededRandom.derive(5, 1), 5)).toEqual(take(SeededRandom.derive(5, 1), 5))
    expect(take(SeededRandom.derive(5, 1), 5)).not.toEqual(take(SeededRandom.derive(5, 2), 5))
  })
})
