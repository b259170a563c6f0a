import { BlockList, isIP } from 'node:net';

/**
 * Addresses a webhook may not reach unless the operator allows it: this host, private networks,
 * link-local (cloud metadata services), unique-local, multicast, reserved and documentation ranges,
 * and IPv6 forms that embed an IPv4 address (v4-mapped, NAT64, 6to4, Teredo).
 */
// One list per family: Node matches IPv4 addresses against IPv6 rules through their v4-mapped form.
const NOT_PUBLIC_V4 = new BlockList();
const NOT_PUBLIC_V6 = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24],
  ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) NOT_PUBLIC_V4.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 128], ['::1', 128], ['::ffff:0:0', 96], ['64:ff9b::', 96], ['100::', 64], ['2001::', 32], ['2001:db8::', 32],
  ['2002::', 16], ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8],
] as const) NOT_PUBLIC_V6.addSubnet(net, bits, 'ipv6');

/** Whether `address` (an IP literal) is on the public internet; anything unparsable is not. */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  const lower = address.toLowerCase();
  if (family === 4) return !NOT_PUBLIC_V4.check(lower, 'ipv4');
  // A v4-mapped address is refused in any spelling, whatever IPv4 address it maps.
  return !/^::ffff:/.test(lower) && !NOT_PUBLIC_V6.check(lower, 'ipv6');
}
