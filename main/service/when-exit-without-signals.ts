/**
 * Stands in for the `when-exit` package in the main-process bundles (electron.vite.config.ts
 * aliases it). atomically, which conf writes the preferences file with, registers its clean-up of
 * temporary files there; the package itself listens for SIGINT, SIGTERM and a dozen other signals
 * and sends each one to the process again, so one SIGTERM would reach Gridkeeper's own handler
 * twice. Here the clean-up runs when the process exits, and signals are left to Gridkeeper.
 */
export default function whenExit(callback: () => void): () => void {
  process.once('exit', callback)
  return () => {
    process.off('exit', callback)
  }
}
