import type { Caller, TestApp } from "./test-app";

const BOM = [0xef, 0xbb, 0xbf];

/**
 * A CSV download as a spreadsheet would get it: the raw bytes (to check the BOM), the text after
 * the BOM, and its records split at CRLF. `t.request` cannot be used: it reads every body as JSON.
 */
export async function requestCsv(t: TestApp, path: string, as: Exclude<Caller, "anonymous"> = "viewer") {
  const response = await t.app.request(path, { headers: { authorization: `Bearer ${t.users[as].token}` } });
  const bytes = new Uint8Array(await response.arrayBuffer());
  const hasBom = BOM.every((byte, i) => bytes[i] === byte);
  // ignoreBOM: keep a BOM in the text, so that a file without one cannot pass for one with it.
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(hasBom ? bytes.subarray(BOM.length) : bytes);
  return {
    status: response.status,
    headers: response.headers,
    hasBom,
    text,
    /** The records, each a line ending in CRLF (a quoted cell may hold a bare line break). */
    lines: text.endsWith("\r\n") ? text.slice(0, -2).split("\r\n") : [text],
  };
}
