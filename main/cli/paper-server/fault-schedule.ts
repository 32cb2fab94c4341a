import type { PaperFaults } from '../../engine/exchange/paper-server/paper-faults'
import type { FaultSchedule } from './fault-spec'

/** Starts the repeating connection faults of `--faults`; the returned function stops them. */
export function startFaultSchedule(faults: PaperFaults, schedule: FaultSchedule): () => void {
  const timers: NodeJS.Timeout[] = []
  if (schedule.dropEveryMs !== undefined) timers.push(setInterval(() => faults.dropConnections(), schedule.dropEveryMs))
  if (schedule.shutdownEveryMs !== undefined) timers.push(setInterval(() => faults.serverShutdown(), schedule.shutdownEveryMs))
  if (schedule.silenceEveryMs !== undefined) {
    const silenceForMs = schedule.silenceForMs ?? 5_000
    timers.push(
      setInterval(() => {
        faults.silenceConnections()
        timers.push(setTimeout(() => faults.restoreConnections(), silenceForMs))
      }, schedule.silenceEveryMs)
    )
  }
  return () => {
    for (const timer of timers) clearTimeout(timer)
  }
}
