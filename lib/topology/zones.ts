/**
 * The zones of each region, as data with its source, so that a vSwitch in a zone that
 * does not exist (`ap-southeast-1q`) is refused before anything is planned.
 *
 * Sources:
 * - Alibaba Cloud documentation, "Regions and zones" (ECS product overview,
 *   help/en/ecs/product-overview/regions-and-zones), the zone table per region; the same
 *   zone IDs as the ECS DescribeZones API returns for the region.
 * - "Regions and zones supported by ECI" (help/en/eci/product-overview/regions-and-zones),
 *   which lists cn-hangzhou-k and cn-shanghai-k beside the ECS table's zones.
 * - Every dual-tunnel VPN zone of ./vpn-capabilities.ts is a zone of its region here (a
 *   test holds the two tables to that).
 *
 * Spelling: regions in the Chinese mainland and Hong Kong add `-<letter>`
 * (`cn-hangzhou-h`); the others add the letter directly (`ap-southeast-1a`).
 *
 * A region whose zone table was not transcribed (closed or restricted regions, and
 * those whose table the documentation did not spell out) maps to `undefined`: there
 * only the zone's shape is checked. Alibaba opens zones over time; when a real zone is
 * refused, add it here with the documentation's date.
 */

const dashed = (region: string, letters: string) => [...letters].map((l) => `${region}-${l}`);
const joined = (region: string, letters: string) => [...letters].map((l) => `${region}${l}`);

/** Region ID -> its zone IDs (see the sources above). */
export const REGION_ZONES: Readonly<Record<string, readonly string[]>> = {
  "cn-qingdao": dashed("cn-qingdao", "bc"),
  "cn-beijing": dashed("cn-beijing", "acdefghijkl"),
  "cn-zhangjiakou": dashed("cn-zhangjiakou", "abc"),
  "cn-huhehaote": dashed("cn-huhehaote", "ab"),
  "cn-wulanchabu": dashed("cn-wulanchabu", "abc"),
  "cn-hangzhou": dashed("cn-hangzhou", "befghijk"),
  "cn-shanghai": dashed("cn-shanghai", "abcdefgklmn"),
  "cn-nanjing": dashed("cn-nanjing", "a"),
  "cn-fuzhou": dashed("cn-fuzhou", "a"),
  "cn-shenzhen": dashed("cn-shenzhen", "abcdef"),
  "cn-heyuan": dashed("cn-heyuan", "ab"),
  "cn-guangzhou": dashed("cn-guangzhou", "ab"),
  "cn-chengdu": dashed("cn-chengdu", "ab"),
  "cn-hongkong": dashed("cn-hongkong", "bcd"),
  "ap-northeast-1": joined("ap-northeast-1", "abc"),
  "ap-northeast-2": joined("ap-northeast-2", "a"),
  "ap-southeast-1": joined("ap-southeast-1", "abc"),
  "ap-southeast-3": joined("ap-southeast-3", "ab"),
  "ap-southeast-5": joined("ap-southeast-5", "abc"),
  "us-east-1": joined("us-east-1", "ab"),
  "us-west-1": joined("us-west-1", "ab"),
  "eu-central-1": joined("eu-central-1", "abc"),
  "eu-west-1": joined("eu-west-1", "ab"),
  "me-east-1": joined("me-east-1", "a"),
};

/** The zones of `region`, or undefined where the table has none. */
export function zonesOf(region: string): readonly string[] | undefined {
  return Object.prototype.hasOwnProperty.call(REGION_ZONES, region) ? REGION_ZONES[region] : undefined;
}

/** `cn-hangzhou`, `h` -> `cn-hangzhou-h`; `ap-southeast-1`, `a` -> `ap-southeast-1a`. */
export function zoneId(region: string, letter: string): string {
  return region.startsWith("cn-") ? `${region}-${letter}` : `${region}${letter}`;
}

/**
 * Whether `zone` is a zone of `region`: in the region's list where there is one, else
 * of the region's shape (the region plus one letter, or plus `-` and a short suffix).
 */
export function isZoneOf(zone: string, region: string): boolean {
  const zones = zonesOf(region);
  if (zones) return zones.includes(zone);
  if (!zone.startsWith(region)) return false;
  return /^([a-z]|-[a-z0-9]{1,4})$/.test(zone.slice(region.length));
}

/** What to tell a user whose zone is not one of `region`'s. */
export function allowedZones(region: string): string {
  const zones = zonesOf(region);
  if (zones) return zones.join(", ");
  return `a zone of ${region}, e.g. ${zoneId(region, "a")} (${region}'s zone list is not transcribed: check DescribeZones)`;
}
