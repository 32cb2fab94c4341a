import { join } from 'node:path'
import { afterAll, bench, describe } from 'vitest'
import { openJournal } from './open-journal'
import { botRecord, intentRecord, tempFolder } from './stubs'

const PAIRS = 10_000
const folder = tempFolder('journal-bench-')
let run = 0

afterAll(() => folder.remove())

/** Writes PAIRS intents and moves each to `sending`, as the gateway does before a send. */
function writePairs(inOneTransaction: boolean): void {
  run += 1
  const journal = openJournal(join(folder.path, `bench-${run}.db`))
  journal.saveBot(botRecord())
  const work = () => {
    for (let index = 0; index < PAIRS; index += 1) {
      const intentId = `bot-1_L${index}_B_1`
      journal.createIntent(intentRecord({ intentId, level: index }))
      journal.updateIntent(intentId, { status: 'sending', attempts: 1, updatedAtMs: index })
    }
  }
  if (inOneTransaction) journal.transaction(work)
  else work()
  journal.close()
}

describe(`${PAIRS.toLocaleString('en')} createIntent + updateIntent pairs on a file journal`, () => {
  bench('each call its own durable commit (synchronous=FULL)', () => writePairs(false), { iterations: 3, warmupIterations: 0, time: 0 })
  bench('all in one transaction', () => writePairs(true), { iterations: 3, warmupIterations: 0, time: 0 })
})
