import { SeededRandom } from '../sim/seeded-random'

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/**
 * Makes the 22-character ids Binance gives an order or a cancel sent without one
 * (e.g. `6gCrw2kRUAF9CvJDGP16IP`), from a seeded generator so a run replays exactly.
 */
export class ClientIdGenerator {
  private readonly random: SeededRandom

  constructor(seed: number) {
    this.random = SeededRandom.derive(seed, 7)
  }

  /** Returns the next id. */
  next(): string {
    let id = ''
    for (let index = 0; index < 22; index += 1) id += ALPHABET[Math.floor(this.random.next() * ALPHABET.length)]
    return id
  }
}
