/** The benchmarks' plain HTTP client: one keep-alive connection to the server under test. */
import http from "node:http";
import { HOST } from "./servers";

const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 1 });

export type HttpAnswer = { status: number; body: string };

/** Sends one request to 127.0.0.1:`port` and reads the whole answer; a `body` is sent as JSON. */
export function request(port: number, method: string, path: string, body: string | undefined, headers: Record<string, string>): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: HOST,
        port,
        path,
        method,
        agent: keepAlive,
        headers: {
          ...headers,
          ...(body === undefined ? {} : { "content-type": "application/json", "content-length": Buffer.byteLength(body) }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** Closes the keep-alive connection, so that the process can exit. */
export function closeConnections() {
  keepAlive.destroy();
}
