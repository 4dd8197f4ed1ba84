import { BlockList, isIP } from 'node:net';

/**
 * Addresses the connector never calls unless an admin names the host in the allowlist: a model
 * (which any designer may deploy) must not reach the engine's own machine, its private network or
 * a cloud's metadata service (server-side request forgery).
 */
const NON_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const) {
  NON_PUBLIC.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  NON_PUBLIC.addSubnet(network, prefix, 'ipv6');
}

/** Whether the resolved address is one the default policy refuses; IPv4-mapped IPv6 is judged as IPv4. */
export function isNonPublicAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return NON_PUBLIC.check(mapped, 'ipv4');
  const family = isIP(address);
  if (family === 0) return true;
  return NON_PUBLIC.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** The target is not one the connector may call: refused before any connection. */
export class BlockedTargetError extends Error {}

/**
 * Where the connector may call. With an allowlist: only the hosts it names (`host`, `host:port`,
 * `*.domain` for any sub-domain), at whatever address. Without: any host whose address is public,
 * checked on the address the connection actually uses (so a name that resolves to 127.0.0.1 is refused too).
 */
export class TargetHostPolicy {
  constructor(private readonly allowedHosts: readonly string[] | undefined) {}

  /** Refuses a URL whose host the allowlist does not name. */
  checkUrl(url: URL): void {
    if (this.allowedHosts === undefined) return;
    const host = url.hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
    const port = url.port || (url.protocol === 'https:' ? '443' : '80');
    const allowed = this.allowedHosts.some((entry) => matches(entry, host, port));
    if (!allowed) throw new BlockedTargetError(`The host '${url.host}' is not in TANDEM_CONNECTORS_ALLOWED_HOSTS, so the connector does not call it.`);
  }

  /** Refuses an address the connection resolved to, when no allowlist decides instead. */
  checkAddress(hostname: string, address: string): void {
    if (this.allowedHosts !== undefined) return;
    if (isNonPublicAddress(address)) {
      throw new BlockedTargetError(
        `The host '${hostname}' resolves to ${address}, a loopback, private or link-local address, which the connector does not call unless TANDEM_CONNECTORS_ALLOWED_HOSTS names the host.`,
      );
    }
  }
}

function matches(entry: string, host: string, port: string): boolean {
  const [pattern, entryPort] = splitPort(entry);
  if (entryPort !== undefined && entryPort !== port) return false;
  if (pattern.startsWith('*.')) return host.endsWith(pattern.slice(1));
  return host === pattern;
}

/** `host:port`, `[v6]:port` or a bare host (an IPv6 address without brackets has no port). */
function splitPort(entry: string): [string, string | undefined] {
  const bracketed = /^\[(.*)\](?::(\d+))?$/.exec(entry);
  if (bracketed) return [bracketed[1]!, bracketed[2]];
  if (isIP(entry) === 6) return [entry, undefined];
  const withPort = /^(.*):(\d+)$/.exec(entry);
  return withPort ? [withPort[1]!, withPort[2]] : [entry, undefined];
}
