import { describe, expect, it } from "vitest";
import { createLogger } from "./logger";

const collector = () => {
  const lines: string[] = [];
  return { lines, destination: { write: (line: string) => void lines.push(line) } };
};

describe("the logger", () => {
  it("writes one JSON object per line with level, ISO time, message and fields", () => {
    const { lines, destination } = collector();
    createLogger({ level: "info", destination }).info({ port: 8787 }, "Löfteskollen körs");
    expect(lines).toHaveLength(1);
    expect(lines[0]?.endsWith("\n")).toBe(true);
    expect(JSON.parse(lines[0] ?? "")).toEqual({ level: 30, time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), pid: process.pid, port: 8787, msg: "Löfteskollen körs" });
  });

  it("removes password, token, email, cookie and authorization fields, also one level down", () => {
    const { lines, destination } = collector();
    createLogger({ level: "info", destination }).warn(
      { password: "hemligt1", token: "lk_abc", email: "anna@kommun.se", user: { email: "per@kommun.se", cookie: "lk_session=x" }, authorization: "Bearer lk_abc" },
      "careless",
    );
    const text = lines.join("");
    for (const secret of ["hemligt1", "lk_abc", "anna@kommun.se", "per@kommun.se", "lk_session=x"]) expect(text).not.toContain(secret);
    expect(JSON.parse(lines[0] ?? "")).toMatchObject({ password: "[borttaget]", user: { email: "[borttaget]", cookie: "[borttaget]" } });
  });

  it("writes nothing below its level, and nothing at all when silent", () => {
    const warn = collector();
    const logger = createLogger({ level: "warn", destination: warn.destination });
    logger.info("inte med");
    logger.warn("med");
    expect(warn.lines.map((line) => JSON.parse(line).msg)).toEqual(["med"]);
    const silent = collector();
    createLogger({ level: "silent", destination: silent.destination }).fatal("inte heller");
    expect(silent.lines).toEqual([]);
  });

  it("writes compact lines for a person at a terminal: time, level, message, fields", () => {
    const { lines, destination } = collector();
    createLogger({ level: "info", destination, human: true }).info({ status: 200, path: "/api/promises" }, "request");
    expect(lines).toEqual([expect.stringMatching(/^\d\d:\d\d:\d\d INFO  request status=200 path=\/api\/promises\n$/)]);
  });
});
