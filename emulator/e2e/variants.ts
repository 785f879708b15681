/**
 * The interconnect variants e2e can synthesize besides the default: the environment that
 * selects each, and the stacks it changes (the others are the default stacks again).
 */
export const VARIANTS: Readonly<Record<string, { readonly env: Readonly<Record<string, string>>; readonly stacks: RegExp }>> = {
  "transit-router": {
    env: { HUB_INTERCONNECT: "transit-router", IDC_INTERCONNECT: "transit-router" },
    stacks: /^(multinational-hub|idc-leased-line)/,
  },
};
