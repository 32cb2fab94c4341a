import { describe, expect, it } from 'vitest'
import type { AppStateView, BotView, IncidentView } from '@shared/api'
import { IncidentNotifier } from './incident-notifier'
import { SleepGuard } from './sleep-guard'

function stateWith(incidents: IncidentView[]): AppStateView {
  const bot = { botId: 'grid1', symbol: 'BTCUSDT', incidents } as unknown as BotView
  return { bots: [bot] } as unknown as AppStateView
}

const incident = (incidentId: string, severity: 'warning' | 'critical', resolvedAtMs: number | null = null): IncidentView => ({ incidentId, kind: 'k', severity, message: `m-${incidentId}`, openedAtMs: 1, resolvedAtMs })

describe('IncidentNotifier', () => {
  it('notifies each open incident once, worded by its severity, and never a resolved one', () => {
    const shown: string[] = []
    const notifier = new IncidentNotifier((title, body) => shown.push(`${title} | ${body}`))
    notifier.onState(stateWith([incident('a', 'critical'), incident('b', 'warning', 5)]))
    notifier.onState(stateWith([incident('a', 'critical'), incident('c', 'warning')]))
    expect(shown).toEqual(['Gridkeeper: grid1 needs you now | BTCUSDT: m-a', 'Gridkeeper: grid1 warning | BTCUSDT: m-c'])
  })
})

describe('SleepGuard', () => {
  it('blocks sleep once while it should stay awake, and releases that block', () => {
    const calls: string[] = []
    const guard = new SleepGuard({ start: (type) => (calls.push(`start ${type}`), 42), stop: (id) => void calls.push(`stop ${id}`) })
    guard.update(false)
    guard.update(true)
    guard.update(true)
    guard.update(false)
    guard.update(false)
    expect(calls).toEqual(['start prevent-app-suspension', 'stop 42'])
  })
})
