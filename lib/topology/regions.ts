/**
 * Region IDs the pinned alicloud provider accepts without `skip_region_validation`.
 *
 * Source: `alicloud/connectivity/regions.go` `ValidRegions` in
 * github.com/aliyun/terraform-provider-alicloud v1.240.0 (the version pinned in
 * cdktf.json). Keep in step with the pin when it moves.
 */
export const KNOWN_REGIONS: readonly string[] = [
  "cn-hangzhou",
  "cn-qingdao",
  "cn-beijing",
  "cn-shenzhen",
  "cn-hongkong",
  "cn-shanghai",
  "cn-zhangjiakou",
  "cn-huhehaote",
  "cn-chengdu",
  "cn-heyuan",
  "cn-wulanchabu",
  "cn-guangzhou",
  "cn-nanjing",
  "cn-fuzhou",
  "us-west-1",
  "us-east-1",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-southeast-1",
  "ap-southeast-2",
  "ap-southeast-3",
  "ap-southeast-5",
  "ap-southeast-6",
  "ap-southeast-7",
  "ap-south-1",
  "me-east-1",
  "me-central-1",
  "eu-central-1",
  "eu-west-1",
  "rus-west-1",
  "cn-north-2-gov-1",
  "cn-shenzhen-finance-1",
  "cn-szfinance",
  "cn-shenzhen-finance",
  "cn-shanghai-finance-1-pub",
  "cn-shanghai-finance-1",
  "cn-hangzhou-finance",
  "cn-hzfinance",
  "cn-hzjbp",
  "cn-beijing-finance-1",
  "cn-beijing-finance-1-pub",
];

const KNOWN = new Set(KNOWN_REGIONS);

export function isKnownRegion(region: string): boolean {
  return KNOWN.has(region);
}
