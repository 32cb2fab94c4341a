import type { Input, WebContents } from 'electron'

/** The letters that open DevTools with Ctrl+Shift or Cmd+Alt: the panel, the console, the element picker. */
const DEVTOOLS_LETTERS: ReadonlySet<string> = new Set(['KeyI', 'KeyJ', 'KeyC'])

/** Tells whether a key press is one that opens DevTools or reloads the page in Chromium or Electron's default menu. */
export function isDevToolsShortcut(input: Pick<Input, 'code' | 'key' | 'control' | 'meta' | 'alt' | 'shift'>): boolean {
  if (input.code === 'F12' || input.key === 'F12' || input.code === 'F5' || input.key === 'F5') return true
  const command = input.control || input.meta
  if (command && input.shift && DEVTOOLS_LETTERS.has(input.code)) return true
  if (input.meta && input.alt && DEVTOOLS_LETTERS.has(input.code)) return true
  return command && input.code === 'KeyR'
}

/**
 * Keeps DevTools shut in a page of an installed app: the shortcuts that open DevTools or reload
 * are swallowed, and DevTools that open anyway are closed at once (webPreferences.devTools is off
 * too; this covers any page created without it).
 */
export function lockDevTools(contents: WebContents): void {
  contents.on('before-input-event', (event, input) => {
    if (isDevToolsShortcut(input)) event.preventDefault()
  })
  contents.on('devtools-opened', () => contents.closeDevTools())
}
