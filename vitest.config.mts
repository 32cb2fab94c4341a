import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: { alias: { '@shared': resolve('shared') } },
  test: {
    include: ['main/**/*.test.ts', 'shared/**/*.test.ts', 'preload/**/*.test.ts', 'renderer/**/*.test.ts', 'tests/**/*.test.ts'],
    environment: 'node',
    pool: 'threads',
    reporters: ['default', './tests/summary-reporter.ts']
  }
})
