import { useAppStore } from '../store/app-store'

/** A user-data stream silent for longer than this is shown as stale. */
const STALE_STREAM_MS = 60_000

/** Connection health at a glance: the link to the app, the exchange connection, the stream, the clock offset and the request budget. */
export function HealthBadge() {
  const link = useAppStore((store) => store.link)
  const connection = useAppStore((store) => store.app?.connection)
  const health = useAppStore((store) => store.app?.health)
  const problems: string[] = []
  if (link !== 'open') problems.push(link === 'unavailable' ? 'no connection to the app' : 'reconnecting to the app')
  if (connection?.status === 'failed') problems.push('exchange unreachable')
  if (connection?.status === 'out-of-service') problems.push('journal cannot be used')
  if (health?.userStream != null && health.userStream !== 'connected') problems.push(`user stream ${health.userStream}`)
  if (health?.userStreamAgeMs != null && health.userStreamAgeMs > STALE_STREAM_MS) problems.push('user stream silent')
  const weight = health?.usedWeight1m != null && health.weightLimit1m != null ? `${health.usedWeight1m}/${health.weightLimit1m}` : '–'
  const orders = health?.orderCount10s != null && health.orderLimit10s != null ? `${health.orderCount10s}/${health.orderLimit10s}` : '–'
  return (
    <div className={`health ${problems.length === 0 ? 'health-ok' : 'health-bad'}`} role="status" aria-label="Connection health">
      <span>{problems.length === 0 ? (connection?.status === 'ready' ? 'Connected' : 'Starting…') : problems.join('; ')}</span>
      <span title="Server clock minus local clock">clock {health?.clockOffsetMs != null ? `${health.clockOffsetMs} ms` : '–'}</span>
      <span title="Request weight used this minute">weight {weight}</span>
      <span title="Orders placed in the last 10 seconds">orders {orders}</span>
    </div>
  )
}
