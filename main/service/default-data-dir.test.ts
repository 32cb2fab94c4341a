import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { defaultDataDir } from './default-data-dir'

describe('defaultDataDir', () => {
  it('is where Electron keeps the app\'s user data on each platform', () => {
    expect(defaultDataDir({}, 'linux', '/home/ann')).toBe(join('/home/ann', '.config', 'Gridkeeper'))
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/cfg' }, 'linux', '/home/ann')).toBe(join('/cfg', 'Gridkeeper'))
    expect(defaultDataDir({}, 'darwin', '/Users/ann')).toBe(join('/Users/ann', 'Library', 'Application Support', 'Gridkeeper'))
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' }, 'win32', 'C:\\Users\\ann')).toBe(join('C:\\Users\\ann\\AppData\\Roaming', 'Gridkeeper'))
  })
})
