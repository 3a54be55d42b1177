/**
 * Which addresses verify may connect to: public unicast only. Loopback, private,
 * link-local, carrier-grade NAT, multicast, documentation and other reserved ranges are
 * refused, so a source URL (or a redirect, or a DNS answer) cannot make the workflow
 * probe the runner's own network.
 */
import { isIP } from "node:net";

const V4_BLOCKED: [number, number][] = [
  [0x00000000, 8], [0x0a000000, 8], [0x64400000, 10], [0x7f000000, 8], [0xa9fe0000, 16], [0xac100000, 12],
  [0xc0000000, 24], [0xc0000200, 24], [0xc0a80000, 16], [0xc6120000, 15], [0xc6336400, 24], [0xcb007100, 24],
  [0xe0000000, 4], [0xf0000000, 4],
];

function v4(addr: string): number {
  return addr.split(".").reduce((n, part) => (n << 8) + Number(part), 0) >>> 0;
}

export function isPublicAddress(addr: string): boolean {
  const kind = isIP(addr);
  if (kind === 4) {
    const n = v4(addr);
    return !V4_BLOCKED.some(([base, bits]) => (n >>> (32 - bits)) === (base >>> (32 - bits)));
  }
  if (kind !== 6) return false;
  const a = addr.toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (mapped) return isPublicAddress(mapped[1]!);
  if (a === "::" || a === "::1") return false;
  // fc00::/7 unique local, fe80::/10 link-local, ff00::/8 multicast, 2001:db8::/32 documentation, 64:ff9b::/96 NAT64.
  return !/^(f[cd]|fe[89ab]|ff|2001:0?db8:|64:ff9b:)/.test(a);
}
