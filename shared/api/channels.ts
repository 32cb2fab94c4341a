import type { Api } from './api'

/** Maps each `Api` method to its IPC channel; the only place channel strings appear. */
export const apiChannels = {
  getInfo: 'app.getInfo'
} as const satisfies { readonly [Method in keyof Api]: `${string}.${string}` }

/** Names one IPC channel of the contract. */
export type ApiChannel = (typeof apiChannels)[keyof typeof apiChannels]
