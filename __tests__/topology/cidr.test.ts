import {
  cidr,
  contains,
  containsIp,
  isCidr,
  isDocumentationIpv4,
  isPublicIpv4,
  longestMatch,
  maskPrefix,
  mergeSiblings,
  networkOf,
  overlaps,
  parseCidr,
} from "../../lib/topology";

describe("parseCidr", () => {
  it("parses a network block", () => {
    // GIVEN / WHEN
    const c = parseCidr("172.16.0.0/12");
    // THEN
    expect(isCidr(c)).toBe(true);
    expect(isCidr(c) && { text: c.text, address: c.address.toString(), prefix: c.prefix }).toEqual({
      text: "172.16.0.0/12",
      address: "172.16.0.0",
      prefix: 12,
    });
  });

  it.each(["10.0.0.0", "10.0.0.0/33", "10.0.0.256/8", "010.0.0.0/8", "10.0.0/8", "10.0.0.0/8/8", " 10.0.0.0/8", "::/0", ""])(
    "fails when the text is malformed (%j)",
    (text) => {
      // GIVEN / WHEN / THEN
      expect(parseCidr(text)).toEqual({ kind: "malformed" });
    },
  );

  it("fails when host bits are set, naming the network", () => {
    // GIVEN / WHEN / THEN
    expect(parseCidr("10.1.2.3/16")).toEqual({ kind: "host-bits", network: "10.1.0.0/16" });
  });

  it("cidr() fails when the text is not a valid block", () => {
    // GIVEN / WHEN / THEN
    expect(() => cidr("10.1.2.3/16")).toThrow('invalid CIDR "10.1.2.3/16"');
  });
});

describe("block relations", () => {
  it("contains and overlaps follow the address ranges", () => {
    // GIVEN
    const vpc = cidr("10.1.0.0/16");
    const sw = cidr("10.1.2.0/24");
    const other = cidr("10.2.0.0/16");
    // WHEN / THEN
    expect(contains(vpc, sw)).toBe(true);
    expect(contains(sw, vpc)).toBe(false);
    expect(overlaps(sw, vpc)).toBe(true);
    expect(overlaps(vpc, other)).toBe(false);
    expect(containsIp(vpc, "10.1.255.255")).toBe(true);
    expect(containsIp(vpc, "10.2.0.0")).toBe(false);
    expect(containsIp(vpc, "not-an-ip")).toBe(false);
  });

  it("longestMatch picks the most specific block, or -1", () => {
    // GIVEN
    const blocks = ["0.0.0.0/0", "10.0.0.0/8", "10.1.0.0/16"].map(cidr);
    // WHEN / THEN
    expect(longestMatch("10.1.2.3", blocks)).toBe(2);
    expect(longestMatch("10.9.0.1", blocks)).toBe(1);
    expect(longestMatch("8.8.8.8", blocks)).toBe(0);
    expect(longestMatch("8.8.8.8", blocks.slice(1))).toBe(-1);
  });

  it("networkOf gives the block of an address", () => {
    // GIVEN / WHEN / THEN
    expect(networkOf("10.255.0.2", 30).text).toBe("10.255.0.0/30");
  });
});

describe("address classes", () => {
  it.each([
    ["47.89.1.2", true],
    ["8.8.8.8", true],
    ["10.0.0.1", false],
    ["172.31.255.255", false],
    ["192.168.0.1", false],
    ["100.64.0.1", false],
    ["127.0.0.1", false],
    ["169.254.0.1", false],
    ["224.0.0.1", false],
    ["255.255.255.255", false],
    ["203.0.113.1", false],
    ["1.2.3", false],
  ] as const)("isPublicIpv4(%s) is %p", (ip, expected) => {
    // GIVEN / WHEN / THEN
    expect(isPublicIpv4(ip)).toBe(expected);
  });

  it.each([
    ["192.0.2.1", true],
    ["198.51.100.255", true],
    ["203.0.113.14", true],
    ["203.0.114.1", false],
    ["8.8.8.8", false],
  ] as const)("isDocumentationIpv4(%s) is %p", (ip, expected) => {
    // GIVEN / WHEN / THEN
    expect(isDocumentationIpv4(ip)).toBe(expected);
  });

  it.each([
    ["255.255.255.252", 30],
    ["255.255.255.0", 24],
    ["0.0.0.0", 0],
    ["255.255.255.253", undefined],
    ["255.0.255.0", undefined],
    ["/30", undefined],
  ] as const)("maskPrefix(%s) is %p", (mask, expected) => {
    // GIVEN / WHEN / THEN
    expect(maskPrefix(mask)).toBe(expected);
  });
});

describe("mergeSiblings", () => {
  const items = (...xs: [string, string][]) => xs.map(([c, value]) => ({ cidr: cidr(c), value }));
  const texts = (merged: { cidr: { text: string }; merged: string[] }[]) =>
    merged.map((m) => `${m.cidr.text}=${m.merged.join("+")}`).sort();

  it("merges two halves with the same value into their parent, repeatedly", () => {
    // GIVEN four consecutive /24s with one value
    const xs = items(["10.0.0.0/24", "a"], ["10.0.1.0/24", "b"], ["10.0.2.0/24", "c"], ["10.0.3.0/24", "d"]);
    // WHEN
    const merged = mergeSiblings(xs, () => true);
    // THEN
    expect(texts(merged)).toEqual(["10.0.0.0/22=a+b+c+d"]);
  });

  it("does not merge halves whose values differ", () => {
    // GIVEN
    const xs = items(["10.0.0.0/24", "x"], ["10.0.1.0/24", "y"]);
    // WHEN
    const merged = mergeSiblings(xs, (a, b) => a === b);
    // THEN
    expect(texts(merged)).toEqual(["10.0.0.0/24=x", "10.0.1.0/24=y"]);
  });

  it("does not merge blocks that are not siblings", () => {
    // GIVEN 10.0.1.0/24 and 10.0.2.0/24 are adjacent but have different parents
    const xs = items(["10.0.1.0/24", "a"], ["10.0.2.0/24", "b"]);
    // WHEN
    const merged = mergeSiblings(xs, () => true);
    // THEN
    expect(texts(merged)).toEqual(["10.0.1.0/24=a", "10.0.2.0/24=b"]);
  });

  it("does not merge into a blocked parent", () => {
    // GIVEN
    const xs = items(["10.0.0.0/24", "a"], ["10.0.1.0/24", "b"]);
    // WHEN
    const merged = mergeSiblings(xs, () => true, new Set(["10.0.0.0/23"]));
    // THEN
    expect(texts(merged)).toEqual(["10.0.0.0/24=a", "10.0.1.0/24=b"]);
  });
});
