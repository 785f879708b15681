/** Action handlers by product (as PRODUCTS in ../sdk-models.ts names them). */
import type { Handler } from "./context";
import ecs from "./ecs";
import sts from "./sts";
import vpc from "./vpc";
import vpcpeer from "./vpcpeer";
import nat from "./nat";
import express from "./express";
import vpn from "./vpn";
import cbn from "./cbn";
import { tagHandlers } from "./context";

export type { Ctx, Handler } from "./context";

export const HANDLERS: Readonly<Record<string, Readonly<Record<string, Handler>>>> = {
  Vpc: { ...tagHandlers, ...vpc, ...nat, ...express, ...vpn },
  Ecs: ecs,
  VpcPeer: vpcpeer,
  Sts: sts,
  Cbn: cbn,
};
