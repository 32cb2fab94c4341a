/** Addresses the app's pages may open in the person's browser (never inside the app): the chart library's attribution. */
const EXTERNAL_ORIGINS: ReadonlySet<string> = new Set(['https://www.tradingview.com'])

/** Tells whether a link may be opened in the system browser: https, and one of the listed origins. */
export function isAllowedExternalLink(url: string): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  return parsed.protocol === 'https:' && EXTERNAL_ORIGINS.has(parsed.origin) && parsed.username === '' && parsed.password === ''
}
