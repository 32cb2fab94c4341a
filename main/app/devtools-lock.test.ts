import { EventEmitter } from 'node:events'
import type { Input, WebContents } from 'electron'
import { describe, expect, test, vi } from 'vitest'
import { isDevToolsShortcut, lockDevTools } from './devtools-lock'

const key = (code: string, modifiers: Partial<Pick<Input, 'control' | 'meta' | 'alt' | 'shift'>> = {}) => ({
  code,
  key: code.startsWith('Key') ? code.slice(3).toLowerCase() : code,
  control: false,
  meta: false,
  alt: false,
  shift: false,
  ...modifiers
})

describe('isDevToolsShortcut', () => {
  test.each([
    ['F12', key('F12')],
    ['Ctrl+Shift+I', key('KeyI', { control: true, shift: true })],
    ['Ctrl+Shift+J', key('KeyJ', { control: true, shift: true })],
    ['Ctrl+Shift+C', key('KeyC', { control: true, shift: true })],
    ['Cmd+Alt+I', key('KeyI', { meta: true, alt: true })],
    ['Cmd+Shift+C', key('KeyC', { meta: true, shift: true })],
    ['Ctrl+R', key('KeyR', { control: true })],
    ['Cmd+Shift+R', key('KeyR', { meta: true, shift: true })],
    ['F5', key('F5')]
  ])('blocks %s', (_name, input) => {
    expect(isDevToolsShortcut(input)).toBe(true)
  })

  test.each([
    ['Ctrl+C', key('KeyC', { control: true })],
    ['Ctrl+V', key('KeyV', { control: true })],
    ['Shift+I', key('KeyI', { shift: true })],
    ['R', key('KeyR')],
    ['Alt+I', key('KeyI', { alt: true })]
  ])('lets %s through', (_name, input) => {
    expect(isDevToolsShortcut(input)).toBe(false)
  })
})

describe('lockDevTools', () => {
  test('swallows DevTools shortcuts, lets typing through, and closes DevTools that open anyway', () => {
    const contents = Object.assign(new EventEmitter(), { closeDevTools: vi.fn() })
    lockDevTools(contents as unknown as WebContents)
    const press = (input: ReturnType<typeof key>) => {
      const event = { preventDefault: vi.fn() }
      contents.emit('before-input-event', event, { type: 'keyDown', ...input })
      return event.preventDefault.mock.calls.length > 0
    }
    expect(press(key('KeyI', { control: true, shift: true }))).toBe(true)
    expect(press(key('F12'))).toBe(true)
    expect(press(key('KeyA'))).toBe(false)
    contents.emit('devtools-opened')
    expect(contents.closeDevTools).toHaveBeenCalledTimes(1)
  })
})
