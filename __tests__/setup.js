// cdktf's jest matchers (toHaveResource, toBeValidTerraform, ...): the adapter alone, not
// the whole cdktf module, which the suites that never synthesize would load for nothing.
require("cdktf/lib/testing/adapters/jest").setupJest();

// cdktf records where every token was created: a stack trace of unlimited depth per
// Intrinsic, shown only in its error messages. Under jest, reading a stack maps every
// frame through the source maps of the transformed files, and that took two thirds of
// each synthesis. Here the creation stack keeps the 10 innermost frames (V8's default
// depth, where the creating construct is) in V8's own format, without source maps. The
// tests' own failures are still reported with mapped TypeScript lines.
const stackTrace = require("cdktf/lib/tokens/private/stack-trace");
// set on this context's Error: left undefined, Node falls back to the mapping formatter
const unmapped = (error, frames) => [String(error), ...frames.map((f) => `    at ${f}`)].join("\n");
stackTrace.captureStackTrace = function captureStackTrace(below) {
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
