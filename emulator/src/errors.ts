/** An Alibaba Cloud API error: `{ RequestId, Code, Message }` with its HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The emulator lacks something the caller used: never a silent pass. */
export function unsupported(what: string): ApiError {
  return new ApiError(400, "Emulator.Unsupported", `the emulator does not implement ${what}`);
}

export function notFound(code: string, id: string): ApiError {
  return new ApiError(404, code, `The specified resource ${id} does not exist.`);
}

export function missing(param: string): ApiError {
  return new ApiError(
    400,
    "MissingParameter",
    `The input parameter "${param}" that is mandatory for processing this request is not supplied.`,
  );
}
