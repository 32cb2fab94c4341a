import { join } from 'node:path'

/**
 * Returns where `gridkeeper klines download` caches candles by default: `$XDG_CACHE_HOME/gridkeeper/klines`,
 * else `~/.cache/gridkeeper/klines`; undefined when the environment names neither folder.
 */
export function defaultCacheDir(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const xdg = env['XDG_CACHE_HOME']
  if (xdg !== undefined && xdg !== '') return join(xdg, 'gridkeeper', 'klines')
  const home = env['HOME'] ?? env['USERPROFILE']
  if (home !== undefined && home !== '') return join(home, '.cache', 'gridkeeper', 'klines')
  return undefined
}
