import { describe, expect, it } from 'vitest'
import { LEVEL_TRANSITIONS, nextPhase, type LevelEvent, type LevelPhase } from './level-state'

const PHASES: readonly LevelPhase[] = ['empty', 'placing', 'open', 'replacing', 'failed']
const EVENTS: readonly LevelEvent[] = ['assign', 'placed', 'filled', 'closed', 'replace', 'rejected', 'failed']

// Every edge the lifecycle allows, written out independently of the table
const EDGES: readonly (readonly [LevelPhase, LevelEvent, LevelPhase])[] = [
  ['empty', 'assign', 'placing'],
  ['placing', 'placed', 'open'],
  ['placing', 'filled', 'empty'],
  ['placing', 'closed', 'empty'],
  ['placing', 'rejected', 'failed'],
  ['placing', 'failed', 'failed'],
  ['open', 'filled', 'empty'],
  ['open', 'closed', 'empty'],
  ['open', 'replace', 'replacing'],
  ['open', 'placed', 'open'],
  ['replacing', 'filled', 'empty'],
  ['replacing', 'closed', 'empty'],
  ['replacing', 'placed', 'replacing'],
  ['failed', 'assign', 'placing']
]

describe('the grid level lifecycle', () => {
  it.each(EDGES)('%s --%s--> %s', (phase, event, next) => {
    expect(nextPhase(phase, event)).toBe(next)
  })

  it('has no edge besides those, so every other pair is refused', () => {
    const allowed = new Set(EDGES.map(([phase, event]) => `${phase}/${event}`))
    const refused: string[] = []
    for (const phase of PHASES) {
      for (const event of EVENTS) {
        if (allowed.has(`${phase}/${event}`)) continue
        refused.push(`${phase}/${event}`)
        expect(nextPhase(phase, event), `${phase}/${event}`).toBeUndefined()
      }
    }
    expect(refused).toHaveLength(PHASES.length * EVENTS.length - EDGES.length)
    // The table itself lists exactly the edges above
    const listed = Object.entries(LEVEL_TRANSITIONS).flatMap(([phase, edges]) => Object.keys(edges).map((event) => `${phase}/${event}`))
    expect(listed.sort()).toEqual([...allowed].sort())
  })

  it('never lets a level be assigned a second order while one is placing, open or being replaced', () => {
    for (const phase of ['placing', 'open', 'replacing'] as const) expect(nextPhase(phase, 'assign')).toBeUndefined()
  })

  it('only starts a replacement from an open order, and an empty level cannot fill or close', () => {
    expect(PHASES.filter((phase) => nextPhase(phase, 'replace') !== undefined)).toEqual(['open'])
    for (const event of ['placed', 'filled', 'closed', 'replace', 'rejected', 'failed'] as const) expect(nextPhase('empty', event)).toBeUndefined()
  })

  it('leaves a failed level only through a new assignment', () => {
    expect(EVENTS.filter((event) => nextPhase('failed', event) !== undefined)).toEqual(['assign'])
  })
})
