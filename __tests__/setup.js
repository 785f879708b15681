// cdktf's jest matchers (toHaveResource, toBeValidTerraform, ...): the adapter alone, not
// the whole cdktf module, which the suites that never synthesize would load for nothing.
require("cdktf/lib/testing/adapters/jest").setupJest();

// cdktf records where every token was created: a stack trace of unlimited depth per
// Intrinsic, shown only in its error messages. Under jest, reading a stack maps every
// frame through the source maps of the transformed files, and that took two thirds of
// each synthesis. Here the creation stack keeps the 10 innermost frames (V8's default
// depth, where the creating construct is) as V8's call-site objects, unformatted:
// formatting ten frames for every token was still a seventh of a synthesis, and cdktf
// only ever joins a creation stack into an error message, where each call site turns
// into the line V8 would print ("fn (file:line:column)"), without source maps. The
// tests' own failures are still reported with mapped TypeScript lines.
const stackTrace = require("cdktf/lib/tokens/private/stack-trace");
// set on this context's Error: left undefined, Node falls back to the mapping formatter
const callSites = (_error, frames) => frames;
stackTrace.captureStackTrace = function captureStackTrace(below) {
  const object = { stack: [] };
  const [format, limit] = [Error.prepareStackTrace, Error.stackTraceLimit];
  try {
    Error.prepareStackTrace = callSites;
    Error.stackTraceLimit = 10;
    Error.captureStackTrace(object, below || captureStackTrace);
    return object.stack;
  } finally {
    Error.prepareStackTrace = format;
    Error.stackTraceLimit = limit;
  }
};

// constructs records a stack trace, of unlimited depth, with every annotation (cdktf's
// warnings and infos, which every synthesis of a stack adds): mapped through the source
// maps like the one above, it was a tenth of a small synthesis. It is kept as text, since
// cdktf writes it into the manifest, with the 10 innermost frames in V8's own format.
const unmapped = (error, frames) => [String(error), ...frames.map((f) => `    at ${f}`)].join("\n");
const constructsTrace = require("constructs/lib/private/stack-trace");
constructsTrace.captureStackTrace = function captureStackTrace(below) {
  const object = { stack: "" };
  const [format, limit] = [Error.prepareStackTrace, Error.stackTraceLimit];
  try {
    Error.prepareStackTrace = unmapped;
    Error.stackTraceLimit = 10;
    Error.captureStackTrace(object, below || captureStackTrace);
    return object.stack
      .split("\n")
      .slice(1)
      .map((s) => s.replace(/^\s*at\s+/, ""));
  } finally {
    Error.prepareStackTrace = format;
    Error.stackTraceLimit = limit;
  }
};

// cdktf's index loads archiver (the zip writer of TerraformAsset), semver (for the
// Terraform version a move or import block needs) and json-stable-stringify (for what it
// writes), with their dependencies: about 0.1 s of every suite that imports cdktf, the
// first two for assets, moves and imports this project never makes. Here each loads on
// first use instead; until then nothing of it is evaluated.
const cdktfDir = require("path").dirname(require.resolve("cdktf/package.json"));
for (const name of ["archiver", "semver", "json-stable-stringify"]) {
  const actual = require.resolve(name, { paths: [cdktfDir] });
  jest.mock(actual, () => {
    let real;
    const load = () => (real ??= jest.requireActual(actual));
    return new Proxy(function lazy() {}, {
      apply: (_target, self, args) => Reflect.apply(load(), self, args),
      construct: (_target, args) => Reflect.construct(load(), args),
      get: (_target, key) => Reflect.get(load(), key),
      has: (_target, key) => Reflect.has(load(), key),
    });
  });
}
