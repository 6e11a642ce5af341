import type Koa from 'koa';
import { clientIpResolver, trustedProxies } from './client-ip';

function ctxFrom(remote: string, xff?: string): Koa.Context {
  return {
    req: { socket: { remoteAddress: remote } },
    get: (name: string) => (name.toLowerCase() === 'x-forwarded-for' ? (xff ?? '') : ''),
  } as unknown as Koa.Context;
}

describe('clientIpResolver', () => {
  const ip = clientIpResolver(trustedProxies(['10.0.0.0/8', '192.168.1.5', 'fd00::/8']));

  it('ignores X-Forwarded-For from an untrusted peer', () => {
    expect(ip(ctxFrom('203.0.113.9', '1.2.3.4'))).toBe('203.0.113.9');
  });

  it('takes the first untrusted hop from the right behind trusted proxies', () => {
    expect(ip(ctxFrom('10.1.2.3', '6.6.6.6, 198.51.100.7, 192.168.1.5'))).toBe('198.51.100.7');
    expect(ip(ctxFrom('::ffff:10.1.2.3', '198.51.100.7'))).toBe('198.51.100.7');
  });

  it('stops at garbage: a forged header cannot choose the identity', () => {
    expect(ip(ctxFrom('10.1.2.3', '6.6.6.6, not-an-ip'))).toBe('10.1.2.3');
    expect(ip(ctxFrom('10.1.2.3', ''))).toBe('10.1.2.3');
  });

  it('rejects a bad TRUSTED_PROXIES entry at start', () => {
    expect(() => trustedProxies(['10.0.0.0/33'])).toThrow(/TRUSTED_PROXIES/);
    expect(() => trustedProxies(['example.com'])).toThrow(/TRUSTED_PROXIES/);
  });
});
