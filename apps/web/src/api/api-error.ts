/** An error answer of the engine API: `{ statusCode, code, message, details }` (README, "The API in brief"). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> | undefined,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface ErrorBody {
  code?: unknown;
  message?: unknown;
  details?: unknown;
}

/** Reads an error response; a body that is not the API's error shape still gives a readable message. */
export const apiErrorOf = async (response: Response): Promise<ApiError> => {
  const text = await response.text();
  let body: ErrorBody = {};
  try {
    body = JSON.parse(text) as ErrorBody;
  } catch {
    // not JSON (a proxy's error page, say): the text itself is the message
  }
  const message = typeof body.message === 'string' ? body.message : text.trim() || response.statusText;
  return new ApiError(
    response.status,
    typeof body.code === 'string' ? body.code : `HTTP_${response.status}`,
    message || `The engine answered ${response.status}.`,
    typeof body.details === 'object' && body.details !== null ? (body.details as Record<string, unknown>) : undefined,
  );
};
