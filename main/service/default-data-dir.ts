import { homedir } from 'node:os'
import { join } from 'node:path'
import { PRODUCT_NAME } from '@shared/api'

/**
 * The app's data folder, where Electron keeps it (its `userData`): `~/.config/Gridkeeper` on
 * Linux (or under XDG_CONFIG_HOME), `~/Library/Application Support/Gridkeeper` on macOS,
 * `%APPDATA%\\Gridkeeper` on Windows. `gridkeeper serve` uses it too, so both see the same bots.
 */
export function defaultDataDir(env: Readonly<Record<string, string | undefined>> = process.env, platform: NodeJS.Platform = process.platform, home: string = homedir()): string {
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', PRODUCT_NAME)
  if (platform === 'win32') return join(env['APPDATA'] ?? join(home, 'AppData', 'Roaming'), PRODUCT_NAME)
  return join(env['XDG_CONFIG_HOME'] ?? join(home, '.config'), PRODUCT_NAME)
}
