import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

const alias = { '@shared': resolve('shared') }

/** Builds main (app and command line), the sandboxed preload and the renderer into `out/`. */
export default defineConfig({
  main: {
    resolve: { alias },
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: { index: resolve('main/index.ts'), cli: resolve('main/cli/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].js' }
      }
    }
  },
  preload: {
    resolve: { alias },
    build: {
      outDir: 'out/preload',
      // A sandboxed preload can only require `electron`, so it must stay one CommonJS file
      rollupOptions: {
        input: { index: resolve('preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].js', codeSplitting: false }
      }
    }
  },
  renderer: {
    root: resolve('renderer'),
    resolve: { alias },
    plugins: [react()],
    build: { outDir: resolve('out/renderer'), rollupOptions: { input: resolve('renderer/index.html') } }
  }
})
