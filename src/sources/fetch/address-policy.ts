import ipaddr from "ipaddr.js";

type Address = ipaddr.IPv4 | ipaddr.IPv6;

// Metadata endpoints get their own reason so logs say what was being reached for.
const METADATA_ADDRESSES = new Set(["169.254.169.254", "169.254.170.2", "100.100.100.200", "fd00:ec2::254"]);

const RANGE_REASONS: Record<string, string> = {
  unspecified: "unspecified",
  broadcast: "broadcast",
  multicast: "multicast",
  linkLocal: "link-local",
  loopback: "loopback",
  carrierGradeNat: "carrier-grade NAT",
  private: "private",
  reserved: "reserved",
  as112: "reserved",
  amt: "reserved",
  uniqueLocal: "private (unique local)",
  deprecatedSiteLocal: "site-local",
  discard: "discard-only",
};

/** Parses an IP literal (IPv6 with or without brackets or zone id); undefined for anything else. */
export function parseIp(text: string): Address | undefined {
  const bare = text.startsWith("[") && text.endsWith("]") ? text.slice(1, -1) : text;
  if (!ipaddr.isValid(bare)) return undefined;
  // ipaddr.js also reads "1", "0x7f.1" and similar; only canonical four-part or IPv6 text counts as a literal here.
  if (!bare.includes(":")) return ipaddr.IPv4.isValidFourPartDecimal(bare) ? ipaddr.parse(bare) : undefined;
  return ipaddr.parse(bare.includes(".") ? canonicalV6(bare) : bare);
}

// ipaddr.js reads "::127.0.0.1" as IPv4-mapped; the URL parser rewrites a dotted tail exactly.
function canonicalV6(text: string): string {
  const [address, zone] = text.split("%", 2);
  try {
    const hex = new URL(`http://[${address}]/`).hostname.slice(1, -1);
    return zone === undefined ? hex : `${hex}%${zone}`;
  } catch {
    return text;
  }
}

/** Why connecting to `address` must be refused, or undefined when it is a public unicast address. */
export function blockedReason(address: Address): string | undefined {
  const canonical = address.toNormalizedString();
  if (METADATA_ADDRESSES.has(canonical) || METADATA_ADDRESSES.has(address.toString())) return "cloud metadata";
  return address.kind() === "ipv4" ? blockedV4(address as ipaddr.IPv4) : blockedV6(address as ipaddr.IPv6);
}

function blockedV4(address: ipaddr.IPv4): string | undefined {
  const range = address.range();
  return range === "unicast" ? undefined : (RANGE_REASONS[range] ?? range);
}

function blockedV6(address: ipaddr.IPv6): string | undefined {
  const range = address.range();
  const parts = address.parts;
  if (range === "unicast") {
    // ::/96 is the deprecated IPv4-compatible form; Linux may still route it to the embedded IPv4 host.
    if (parts.slice(0, 6).every((p) => p === 0)) return "IPv4-compatible IPv6";
    return undefined;
  }
  if (range === "ipv4Mapped" || range === "rfc6145") return embedded(v4From(parts[6], parts[7]), "IPv4-mapped");
  if (range === "rfc6052" && parts[2] === 0) return embedded(v4From(parts[6], parts[7]), "NAT64");
  if (range === "6to4") return embedded(v4From(parts[1], parts[2]), "6to4");
  return RANGE_REASONS[range] ?? range;
}

function v4From(high: number, low: number): ipaddr.IPv4 {
  return new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
}

function embedded(inner: ipaddr.IPv4, wrapper: string): string | undefined {
  const reason = blockedReason(inner);
  return reason === undefined ? undefined : `${wrapper} ${inner.toString()}, ${reason}`;
}

/** Names that reach metadata services whatever they resolve to. */
const BLOCKED_NAMES = new Set([
  "metadata.google.internal",
  "metadata.goog",
  "metadata",
  "instance-data",
  "instance-data.ec2.internal",
]);

export function normaliseHost(host: string): string {
  const lower = host.toLowerCase();
  const bare = lower.startsWith("[") && lower.endsWith("]") ? lower.slice(1, -1) : lower;
  return bare.endsWith(".") ? bare.slice(0, -1) : bare;
}

export function blockedName(host: string): string | undefined {
  const name = normaliseHost(host);
  if (BLOCKED_NAMES.has(name)) return "cloud metadata name";
  if (name === "localhost" || name.endsWith(".localhost")) return "loopback name";
  return undefined;
}

/** The allow-list: exact names, "*.suffix" names, IPs and CIDRs, each bypassing the guard. */
export class AllowList {
  private readonly names = new Set<string>();
  private readonly suffixes: string[] = [];
  private readonly ranges: [Address, number][] = [];

  constructor(entries: readonly string[] = []) {
    for (const raw of entries) this.add(raw.trim());
  }

  private add(entry: string): void {
    if (entry === "") return;
    if (entry.includes("/")) {
      if (!ipaddr.isValidCIDR(entry)) throw new TypeError(`fetch.ssrf: allowHosts entry must be a host, IP or CIDR, got "${entry}"`);
      this.ranges.push(ipaddr.parseCIDR(entry));
      return;
    }
    const ip = parseIp(entry);
    if (ip) this.ranges.push([ip, ip.kind() === "ipv4" ? 32 : 128]);
    else if (entry.startsWith("*.")) this.suffixes.push(normaliseHost(entry.slice(1)));
    else this.names.add(normaliseHost(entry));
  }

  allowsName(host: string): boolean {
    const name = normaliseHost(host);
    return this.names.has(name) || this.suffixes.some((suffix) => name.endsWith(suffix));
  }

  allowsAddress(address: Address): boolean {
    const forms = address.kind() === "ipv6" && (address as ipaddr.IPv6).isIPv4MappedAddress()
      ? [address, (address as ipaddr.IPv6).toIPv4Address()]
      : [address];
    return this.ranges.some(([net, bits]) => forms.some((a) => a.kind() === net.kind() && a.match(net, bits)));
  }
}
