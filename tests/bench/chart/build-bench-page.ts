import { resolve } from 'node:path'

const repositoryRoot = resolve(__dirname, '..', '..', '..')

/**
 * Bundles the chart bench page (tests/bench/chart/page) into `outDir` the way electron-vite
 * bundles the renderer: production React, the `@shared` alias, no minification.
 */
export async function buildBenchPage(outDir: string): Promise<void> {
  // Imported, not required: tsx turns a required ES module into CommonJS, and vite built that way
  // cannot resolve its own modulepreload polyfill
  const { build } = await import('vite')
  const { default: react } = await import('@vitejs/plugin-react')
  await build({
    configFile: false,
    root: resolve(__dirname, 'page'),
    base: './',
    mode: 'production',
    logLevel: 'warn',
    resolve: { alias: { '@shared': resolve(repositoryRoot, 'shared') } },
    plugins: [react()],
    build: { outDir, emptyOutDir: true, minify: false, reportCompressedSize: false }
  })
}
