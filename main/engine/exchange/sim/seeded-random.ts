/**
 * A small seeded pseudo-random generator (mulberry32): the same seed gives the same sequence on
 * every run and machine, because it uses only 32-bit integer arithmetic. The simulator never
 * calls Math.random, so a chaos run or a synthetic market can be replayed from its seed.
 */
export class SeededRandom {
  private state: number

  constructor(seed: number) {
    this.state = seed >>> 0
  }

  /** Returns the next value in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  /** Returns true with probability `probability` (always one draw, so sequences stay aligned). */
  chance(probability: number): boolean {
    return this.next() < probability
  }

  /** Returns a whole number in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  /**
   * Returns an approximately standard normal value (Irwin–Hall: twelve uniforms minus six).
   * Only additions, so it is bit-for-bit the same everywhere, unlike Box–Muller's log and cos.
   */
  normal(): number {
    let sum = 0
    for (let index = 0; index < 12; index += 1) sum += this.next()
    return sum - 6
  }

  /** Returns an independent generator derived from this seed and a salt, for a separate concern. */
  static derive(seed: number, salt: number): SeededRandom {
    return new SeededRandom(Math.imul((seed >>> 0) ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(salt + 1, 0xc2b2ae35))
  }
}
