import type { Api } from '@shared/api'

declare global {
  interface Window {
    /** Gives the typed contract exposed by the preload; absent when the page runs outside Electron. */
    readonly gridkeeper?: Api
  }
}
