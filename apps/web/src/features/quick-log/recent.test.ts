import { describe, expect, it } from "vitest";
import { type KeyValueStore, recentCommitments, recentPlaces, rememberLog } from "./recent";

function memoryStore(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (key) => data.get(key) ?? null, setItem: (key, value) => void data.set(key, value) };
}

describe("what the device remembers", () => {
  it("keeps the last used commitment first, once", () => {
    const store = memoryStore();
    rememberLog(store, 3, 11, null);
    rememberLog(store, 3, 12, null);
    rememberLog(store, 3, 11, null);
    expect(recentCommitments(store, 3)).toEqual([11, 12]);
  });

  it("remembers places per commitment, most recent first, and per user", () => {
    const store = memoryStore();
    rememberLog(store, 3, 11, "Hammarkullen torg");
    rememberLog(store, 3, 11, "Angered centrum");
    rememberLog(store, 3, 11, "Hammarkullen torg");
    rememberLog(store, 4, 11, "Backa");
    expect(recentPlaces(store, 3, 11)).toEqual(["Hammarkullen torg", "Angered centrum"]);
    expect(recentPlaces(store, 4, 11)).toEqual(["Backa"]);
    expect(recentPlaces(store, 3, 99)).toEqual([]);
  });

  it("starts afresh when what is stored cannot be read, and survives a full storage", () => {
    const store = memoryStore();
    store.data.set("lofteskollen:recent:3", "{not json");
    expect(recentCommitments(store, 3)).toEqual([]);
    const full: KeyValueStore = { getItem: () => null, setItem: () => { throw new Error("QuotaExceededError"); } };
    expect(() => rememberLog(full, 3, 11, "Torget")).not.toThrow();
  });
});
