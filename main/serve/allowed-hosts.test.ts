import { describe, expect, it } from 'vitest'
import { allowedHosts, isAllowedHost } from './allowed-hosts'

const noInterfaces = () => []

describe('allowedHosts', () => {
  it('admits 127.0.0.1 and localhost with the port when serve listens on loopback', () => {
    expect([...allowedHosts('127.0.0.1', 8080, noInterfaces)].sort()).toEqual(['127.0.0.1:8080', 'localhost:8080'])
    expect([...allowedHosts('::1', 8080, noInterfaces)].sort()).toEqual(['127.0.0.1:8080', '[::1]:8080', 'localhost:8080'])
  })

  it('admits only the --host given when it is not loopback', () => {
    expect([...allowedHosts('192.168.1.5', 8080, noInterfaces)]).toEqual(['192.168.1.5:8080'])
    expect([...allowedHosts('Box.LAN', 8080, noInterfaces)]).toEqual(['box.lan:8080'])
  })

  it("admits loopback and the machine's own addresses when serve listens on every interface", () => {
    expect([...allowedHosts('0.0.0.0', 9000, () => ['127.0.0.1', '10.0.0.7', 'fe80::1'])].sort()).toEqual(['10.0.0.7:9000', '127.0.0.1:9000', '[fe80::1]:9000', 'localhost:9000'])
  })

  it('admits the bare name on port 80, where browsers leave the port out', () => {
    expect([...allowedHosts('127.0.0.1', 80, noInterfaces)].sort()).toEqual(['127.0.0.1', '127.0.0.1:80', 'localhost', 'localhost:80'])
  })
})

describe('isAllowedHost', () => {
  const allowed = allowedHosts('127.0.0.1', 8080, noInterfaces)

  it.each(['127.0.0.1:8080', 'localhost:8080', 'LocalHost:8080'])('admits %j', (host) => {
    expect(isAllowedHost(host, allowed)).toBe(true)
  })

  it.each([undefined, '', 'evil.example:8080', 'evil.example', '127.0.0.1', '127.0.0.1:8081', 'localhost.:8080', '127.0.0.2:8080', '0.0.0.0:8080', 'user@127.0.0.1:8080'])('refuses %j', (host) => {
    expect(isAllowedHost(host, allowed)).toBe(false)
  })
})
