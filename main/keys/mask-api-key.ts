/** Keys shorter than this are masked entirely: showing 8 of them would give most of it away. */
const MIN_PARTLY_SHOWN = 12

/** Returns an API key safe to show: its first 4 and last 4 characters around "…", or "…" for a short one. */
export function maskApiKey(apiKey: string): string {
  if (apiKey.length < MIN_PARTLY_SHOWN) return '…'
  return `${apiKey.slice(0, 4)}…${apiKey.slice(-4)}`
}
