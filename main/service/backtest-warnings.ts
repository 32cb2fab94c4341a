/** A problem line of a backtest run: "warn: <message> <fields as JSON>" or "error: …". */
const PROBLEM_LINE = /^(warn|error): (.*?) (\{.*\})$/s

/** Says one logged problem for a person: its message, then its details as "name value", without JSON or the log level. */
function problemText(line: string): string {
  const match = PROBLEM_LINE.exec(line)
  if (match === null) return line
  const [, , message = '', json = '{}'] = match
  let fields: Record<string, unknown>
  try {
    fields = JSON.parse(json) as Record<string, unknown>
  } catch {
    return message
  }
  const details = Object.entries(fields)
    .filter(([, value]) => value !== undefined && value !== null && value !== '')
    .map(([name, value]) => `${name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()} ${typeof value === 'string' ? value : JSON.stringify(value)}`)
  const sentence = message.charAt(0).toUpperCase() + message.slice(1)
  return details.length === 0 ? sentence : `${sentence} (${details.join(', ')})`
}

/**
 * Returns a backtest's notes and warnings for the report: each said once, in the order first met,
 * with how many times it came ("… (105 times)"), and without the log's "{}" or JSON.
 */
export function summarizeWarnings(lines: readonly string[]): string[] {
  const counts = new Map<string, number>()
  for (const line of lines) {
    const text = problemText(line)
    counts.set(text, (counts.get(text) ?? 0) + 1)
  }
  return [...counts].map(([text, count]) => (count === 1 ? text : `${text} (${count.toLocaleString('en-US')} times)`))
}
