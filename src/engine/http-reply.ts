/**
 * The engine's read-only questions are plain HTTP/1.1 GETs on its unix socket (engine-api.ts).
 * Node's `node:http` costs ~20 ms to load (and its client works out a Host header per request
 * through `net.isIPv6`), more than the twelve questions of a no-op take; so the request is written
 * by hand and the reply, read until the engine closes the connection (`Connection: close`), is
 * parsed here: status line, headers, and a body either as sent or in chunked transfer encoding.
 */

/** A reply: its status code and its body as text. */
export interface Reply {
  readonly status: number;
  readonly body: string;
}

/** The request for `path` (ASCII, already encoded), on a connection closed after the reply. */
export const getRequest = (path: string): string => `GET ${path} HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\r\n`;

const HEAD_END = Buffer.from('\r\n\r\n');

/** The body of a chunked transfer: each chunk's size (hex, extensions ignored) then its bytes, up to the zero chunk. */
function unchunk(data: Buffer): Buffer | undefined {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const eol = data.indexOf('\r\n', at);
    if (eol < 0) return undefined;
    const size = Number.parseInt(data.subarray(at, eol).toString('latin1').split(';')[0] ?? '', 16);
    if (Number.isNaN(size)) return undefined;
    if (size === 0) return Buffer.concat(parts);
    const start = eol + 2;
    if (start + size > data.length) return undefined;
    parts.push(data.subarray(start, start + size));
    at = start + size + 2;
  }
}

/** The reply in `raw` (everything the server sent before it closed); undefined when it is no complete HTTP/1.x reply. */
export function parseReply(raw: Buffer): Reply | undefined {
  const headEnd = raw.indexOf(HEAD_END);
  if (headEnd < 0) return undefined;
  const [statusLine = '', ...headerLines] = raw.subarray(0, headEnd).toString('latin1').split('\r\n');
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1];
  if (status === undefined) return undefined;
  const headers = new Map(
    headerLines.map((line) => {
      const colon = line.indexOf(':');
      return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()] as const;
    }),
  );
  let body = raw.subarray(headEnd + HEAD_END.length);
  if (/\bchunked\b/i.test(headers.get('transfer-encoding') ?? '')) {
    const whole = unchunk(body);
    if (whole === undefined) return undefined;
    body = whole;
  } else if (headers.has('content-length')) {
    const length = Number(headers.get('content-length'));
    if (!Number.isInteger(length) || body.length < length) return undefined;
    body = body.subarray(0, length);
  }
  return { status: Number(status), body: body.toString('utf8') };
}
