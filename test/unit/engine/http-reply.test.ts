import { describe, expect, it } from 'vitest';
import { getRequest, parseReply } from '../../../src/engine/http-reply.js';

const raw = (text: string): Buffer => Buffer.from(text, 'utf8');

describe('parseReply', () => {
  it('reads the status and the body of a reply with a length, ignoring what follows it', () => {
    expect(parseReply(raw('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 7\r\n\r\n{"a":1}'))).toEqual({
      status: 200,
      body: '{"a":1}',
    });
    expect(parseReply(raw('HTTP/1.1 404 Not Found\r\nContent-Length: 2\r\n\r\n{}garbage'))).toEqual({ status: 404, body: '{}' });
  });

  it('joins a chunked body (sizes in hex, extensions ignored), multi-byte text across chunk borders included', () => {
    const text = Buffer.from('{"label":"größe"}', 'utf8');
    const first = text.subarray(0, 14);
    const second = text.subarray(14);
    const body = Buffer.concat([
      raw(`${first.length.toString(16)};ext=1\r\n`),
      first,
      raw(`\r\n${second.length.toString(16)}\r\n`),
      second,
      raw('\r\n0\r\n\r\n'),
    ]);
    const reply = parseReply(Buffer.concat([raw('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n'), body]));
    expect(reply).toEqual({ status: 200, body: '{"label":"größe"}' });
  });

  it('takes a body without length or chunks as everything up to the close', () => {
    expect(parseReply(raw('HTTP/1.0 500 Internal Server Error\r\n\r\noops'))).toEqual({ status: 500, body: 'oops' });
  });

  it('is undefined for a cut-off reply: no end of headers, a short body, a missing last chunk, no status line', () => {
    expect(parseReply(raw('HTTP/1.1 200 OK\r\nContent-Length: 7'))).toBeUndefined();
    expect(parseReply(raw('HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\n{"a"'))).toBeUndefined();
    expect(parseReply(raw('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n7\r\n{"a":1}\r\n'))).toBeUndefined();
    expect(parseReply(raw('SSH-2.0-OpenSSH\r\n\r\n'))).toBeUndefined();
  });
});

describe('getRequest', () => {
  it('asks for the path with a Host header and the connection closed after the reply', () => {
    expect(getRequest('/images/busybox:stable/json')).toBe(
      'GET /images/busybox:stable/json HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\r\n',
    );
  });
});
