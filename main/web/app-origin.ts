/** Names the privileged scheme and host the renderer is served from (`app://gridkeeper`). */
export const appOrigin = { scheme: 'app', host: 'gridkeeper' } as const

/** Gives the URL of the renderer's entry page. */
export const appEntryUrl = `${appOrigin.scheme}://${appOrigin.host}/index.html`
