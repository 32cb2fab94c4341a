import { useState } from 'react'
import type { BotView } from '@shared/api'

/** What happened to the bot, newest first, filterable by level; open incidents on top. */
export function EventLog({ bot }: { readonly bot: BotView }) {
  const [level, setLevel] = useState<string>('all')
  const events = [...bot.events].reverse().filter((event) => level === 'all' || String(event.level) === level)
  const open = bot.incidents.filter((incident) => incident.resolvedAtMs === null)
  return (
    <section className="panel" aria-label="Event log">
      <h2 className="panel-title">Events</h2>
      {open.length > 0 && (
        <ul className="incidents" aria-label="Open incidents">
          {open.map((incident) => (
            <li key={incident.incidentId} className={`incident-${incident.severity}`}>
              <strong>{incident.severity === 'critical' ? 'Critical' : 'Warning'}:</strong> {incident.message}
            </li>
          ))}
        </ul>
      )}
      <label>
        Level{' '}
        <select value={level} onChange={(event) => setLevel(event.target.value)}>
          <option value="all">all</option>
          {bot.levels.map((entry) => (
            <option key={entry.index} value={String(entry.index)}>
              {entry.index} ({entry.price})
            </option>
          ))}
        </select>
      </label>
      <ol className="events">
        {events.map((event, index) => (
          <li key={`${event.atMs}-${index}`}>
            <time dateTime={new Date(event.atMs).toISOString()}>{new Date(event.atMs).toLocaleString()}</time> <span className="event-type">{event.type}</span>
            {event.level !== null ? ` · level ${event.level}` : ''} — {event.message}
          </li>
        ))}
        {events.length === 0 && <li>Nothing yet.</li>}
      </ol>
    </section>
  )
}
