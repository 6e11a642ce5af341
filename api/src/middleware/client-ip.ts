import { BlockList, isIP } from 'node:net';
import type Koa from 'koa';

/** `::ffff:10.0.0.1` (IPv4 on a dual-stack socket) is 10.0.0.1. */
function plain(ip: string): string {
  return ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip;
}

/** Parses TRUSTED_PROXIES entries (`10.0.0.1`, `10.0.0.0/8`, `fd00::/8`); throws naming a bad one. */
export function trustedProxies(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', bits] = entry.split('/');
    const family = isIP(address);
    const prefix = bits === undefined ? (family === 4 ? 32 : 128) : Number(bits);
    if (family === 0 || !Number.isInteger(prefix) || prefix < 0 || prefix > (family === 4 ? 32 : 128)) {
      throw new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range`);
    }
    list.addSubnet(address, prefix, family === 4 ? 'ipv4' : 'ipv6');
  }
  return list;
}

/**
 * The client's address. X-Forwarded-For is believed only from a trusted proxy, and only as far as
 * the chain runs through trusted proxies: read right to left, the first address not a trusted
 * proxy is the client. Anything unparsable stops the walk at the last address we could trust,
 * so a forged or garbled header never lets a client choose the identity it is rate limited as.
 */
export function clientIpResolver(proxies: BlockList): (ctx: Koa.Context) => string {
  const trusted = (ip: string) => {
    const family = isIP(ip);
    return family !== 0 && proxies.check(ip, family === 4 ? 'ipv4' : 'ipv6');
  };
  return (ctx) => {
    let client = plain(ctx.req.socket.remoteAddress ?? 'unknown');
    if (!trusted(client)) {
      return client;
    }
    const hops = (ctx.get('x-forwarded-for') || '')
      .split(',')
      .map((h) => plain(h.trim()))
      .reverse();
    for (const hop of hops) {
      if (isIP(hop) === 0) {
        break;
      }
      client = hop;
      if (!trusted(hop)) {
        break;
      }
    }
    return client;
  };
}
