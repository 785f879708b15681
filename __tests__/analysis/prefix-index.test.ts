/** The longest-prefix index the reachability checker looks routes up in. */
import { ipv4Number, PrefixIndex } from "../../lib/analysis/prefix-index";
import { cidr } from "../../lib/topology/cidr";

describe("PrefixIndex", () => {
  const ix = new PrefixIndex<string>();
  for (const [c, v] of [
    ["0.0.0.0/0", "default"],
    ["10.0.0.0/8", "ten"],
    ["10.1.0.0/16", "ten-one"],
    ["10.1.2.0/24", "ten-one-two"],
    ["10.1.0.0/16", "second ten-one"],
    ["192.168.1.7/32", "host"],
  ] as const)
    ix.add(cidr(c), v);

  it("answers the longest matching prefix", () => {
    expect(ix.match(ipv4Number("10.1.2.3"))).toBe("ten-one-two");
    expect(ix.match(ipv4Number("10.1.3.3"))).toBe("ten-one");
    expect(ix.match(ipv4Number("10.200.0.1"))).toBe("ten");
    expect(ix.match(ipv4Number("192.168.1.7"))).toBe("host");
    expect(ix.match(ipv4Number("192.168.1.8"))).toBe("default");
  });

  it("keeps the first value of a prefix added twice, as a scan in order would", () => {
    expect(ix.match(ipv4Number("10.1.9.9"))).toBe("ten-one");
  });

  it("fails to match when no prefix holds the address", () => {
    const only = new PrefixIndex<number>();
    only.add(cidr("172.16.0.0/12"), 1);
    expect(only.match(ipv4Number("172.32.0.1"))).toBeUndefined();
    expect(only.match(ipv4Number("172.31.255.255"))).toBe(1);
  });
});

describe("ipv4Number", () => {
  it("reads the four parts as one unsigned number", () => {
    expect(ipv4Number("255.255.255.255")).toBe(4294967295);
    expect(ipv4Number("10.0.0.1")).toBe(167772161);
  });

  it("fails when the text is not an IPv4 address, naming it", () => {
    for (const bad of ["10.0.0", "10.0.0.256", "a.b.c.d", "1.2.3.4.5"])
      expect(() => ipv4Number(bad)).toThrow(`"${bad}" is no IPv4 address; allowed: a.b.c.d with each part 0-255`);
  });
});
