import { networkInterfaces } from 'node:os'
import { isLoopbackHost } from '../web/loopback-host'

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost']
const WILDCARDS = ['0.0.0.0', '::', '[::]']

/**
 * Returns the `Host` header values a request to this server may carry, lower-case: the listening
 * host with the port, and 127.0.0.1 and localhost with the port when the server listens on
 * loopback. A wildcard host (0.0.0.0, ::) admits the machine's own addresses. Anything else is a
 * name the person never typed (DNS rebinding points a stranger's name at this port), so it is
 * refused before anything is served.
 */
export function allowedHosts(host: string, port: number, interfaceAddresses: () => readonly string[] = machineAddresses): ReadonlySet<string> {
  const listening = host.toLowerCase()
  const names = new Set<string>([listening])
  if (isLoopbackHost(listening) || isWildcardHost(listening)) for (const name of LOOPBACK_NAMES) names.add(name)
  if (isWildcardHost(listening)) for (const address of interfaceAddresses()) names.add(address.toLowerCase())
  const hosts = new Set<string>()
  for (const name of names) {
    if (WILDCARDS.includes(name)) continue
    const inUrl = name.includes(':') && !name.startsWith('[') ? `[${name}]` : name
    hosts.add(`${inUrl}:${port}`)
    // Browsers leave the default port out of Host and Origin
    if (port === 80) hosts.add(inUrl)
  }
  return hosts
}

/** Tells whether a request's `Host` header names this server. */
export function isAllowedHost(header: string | undefined, allowed: ReadonlySet<string>): boolean {
  return header !== undefined && allowed.has(header.toLowerCase())
}

/** Tells whether a listening host is every interface (0.0.0.0 or ::). */
export function isWildcardHost(host: string): boolean {
  return WILDCARDS.includes(host.toLowerCase())
}

function machineAddresses(): string[] {
  return Object.values(networkInterfaces()).flatMap((entries) => (entries ?? []).map((entry) => entry.address))
}
