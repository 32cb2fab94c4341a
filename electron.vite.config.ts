import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

const alias = { '@shared': resolve('shared') }

/** Builds main (app and command line), the sandboxed preload and the renderer into `out/`. */
export default defineConfig({
  main: {
    // The preferences' atomic writes need no hold on the process's signals (see the module's comment)
    resolve: { alias: { ...alias, 'when-exit': resolve('main/service/when-exit-without-signals.ts') } },
    build: {
      // keytar is optional, so it is not among the dependencies electron-vite leaves outside the bundle.
      // electron-store and conf are ESM-only: bundled, the CommonJS main and command line load them without require(esm)
      externalizeDeps: { include: ['keytar'], exclude: ['electron-store', 'conf'] },
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
