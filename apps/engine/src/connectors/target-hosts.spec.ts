import { describe, expect, it } from '@jest/globals';
import { BlockedTargetError, isNonPublicAddress, TargetHostPolicy } from './target-hosts.js';

describe('TargetHostPolicy', () => {
  it.each(['127.0.0.1', '10.1.2.3', '172.16.0.9', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1'])(
    'counts %s as an address not to call by default',
    (address) => {
      expect(isNonPublicAddress(address)).toBe(true);
    },
  );

  it.each(['93.184.215.14', '8.8.8.8', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'])('counts %s as public', (address) => {
    expect(isNonPublicAddress(address)).toBe(false);
  });

  it('without an allowlist, refuses the non-public addresses a host resolves to, naming the host', () => {
    // given
    const sut = new TargetHostPolicy(undefined);
    // when / then
    expect(() => sut.checkUrl(new URL('http://localhost:8080/x'))).not.toThrow();
    expect(() => sut.checkAddress('metadata.internal', '169.254.169.254')).toThrow(BlockedTargetError);
    expect(() => sut.checkAddress('metadata.internal', '169.254.169.254')).toThrow("The host 'metadata.internal' resolves to 169.254.169.254");
    expect(() => sut.checkAddress('api.example.com', '93.184.215.14')).not.toThrow();
  });

  it('with an allowlist, calls only the hosts (and ports) it names, at any address', () => {
    // given
    const sut = new TargetHostPolicy(['api.example.com', '*.example.org', 'localhost:8080', '[::1]:9000']);
    // when / then
    for (const allowed of ['https://api.example.com/a', 'http://billing.example.org/b', 'http://localhost:8080/c', 'http://[::1]:9000/d']) {
      expect(() => sut.checkUrl(new URL(allowed))).not.toThrow();
    }
    for (const refused of ['https://evil.example.com/a', 'http://example.org/b', 'http://localhost:8081/c', 'http://169.254.169.254/latest']) {
      expect(() => sut.checkUrl(new URL(refused))).toThrow(BlockedTargetError);
    }
    expect(() => sut.checkAddress('localhost', '127.0.0.1')).not.toThrow();
  });
});
