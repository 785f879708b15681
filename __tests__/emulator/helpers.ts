import { Emulator, type EmulatorOptions } from "../../emulator/src/server";

/** An emulator with a hand-driven clock, and a caller bound to one account and region. */
export function harness(opts: EmulatorOptions = {}) {
  let now = 1_700_000_000_000;
  const emu = new Emulator({ transitionMs: 1000, ...opts, now: () => now });
  const as =
    (key: string, region = "cn-hangzhou") =>
    (version: string, action: string, params: Record<string, string> = {}) =>
      emu.call({ AccessKeyId: key, RegionId: region, Version: version, Action: action, ...params });
  return {
    emu,
    as,
    advance: (ms: number) => (now += ms),
  };
}

export const VPC = "2016-04-28";
export const ECS = "2014-05-26";
export const PEER = "2022-01-01";
export const STS = "2015-04-01";
