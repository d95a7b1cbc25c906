import type { CommitmentProgress, ProgressWindow } from "@lofteskollen/contracts";
import { describe, expect, it } from "vitest";
import { i18n } from "../../i18n";
import {
  countByStatus,
  displayWindow,
  formatCount,
  formatPerWeek,
  formatTarget,
  localeOf,
  remainingToTarget,
  roundTargetUp,
  shareOfTarget,
  statusLook,
  STATUS_ORDER,
  windowLabel,
} from "./format";

const sv = i18n.getFixedT("sv");
const en = i18n.getFixedT("en");
const NBSP = "\u00a0";

const window = (start: string, end: string, extra: Partial<ProgressWindow> = {}): ProgressWindow => ({
  start,
  end,
  coveredDays: 1,
  fullDays: 1,
  target: 1,
  actual: 0,
  elapsedDays: 0,
  expectedToDate: 0,
  status: "upcoming",
  forecast: null,
  neededPerWeek: null,
  ...extra,
});

describe("statusLook", () => {
  it("gives every status its own icon and a text, never colour alone", () => {
    const icons = STATUS_ORDER.map((status) => statusLook(status).icon);
    expect(new Set(icons).size).toBe(STATUS_ORDER.length);
    for (const status of STATUS_ORDER) expect(sv(statusLook(status).labelKey)).not.toMatch(/^status\./);
  });

  it("names the statuses in plain Swedish", () => {
    expect(STATUS_ORDER.map((status) => `${statusLook(status).icon} ${sv(statusLook(status).labelKey)}`)).toEqual([
      "▼ Efter plan",
      "✗ Ej uppnått",
      "! Risk",
      "▲ I fas",
      "✓ Uppnått",
      "○ Kommande",
      "• Följs (utan mål)",
    ]);
  });
});

describe("roundTargetUp and formatTarget", () => {
  it("rounds a pro-rated target up (the worked example's 84.426… becomes 85)", () => {
    expect(roundTargetUp((100 * 309) / 366)).toBe(85);
    expect(formatTarget((100 * 309) / 366, "sv-SE")).toBe("85");
  });

  it("keeps a whole target whole, even with float noise", () => {
    expect(roundTargetUp(200)).toBe(200);
    expect(roundTargetUp(200.00000000000003)).toBe(200);
  });

  it("writes thousands Swedish style", () => {
    expect(formatTarget(3500, "sv-SE")).toBe(`3${NBSP}500`);
  });
});

describe("formatCount", () => {
  it("writes counts as whole numbers with Swedish digit grouping", () => {
    expect(formatCount(3394, "sv-SE")).toBe(`3${NBSP}394`);
    expect(formatCount(0, "sv-SE")).toBe("0");
  });

  it("writes counts English style when the page is in English", () => {
    expect(formatCount(3394, "en-GB")).toBe("3,394");
  });
});

describe("formatPerWeek", () => {
  it("shows a small weekly pace with one decimal, rounded up, with a decimal comma", () => {
    expect(formatPerWeek(2.0819, "sv-SE")).toBe("2,1");
    expect(formatPerWeek(0.358974, "sv-SE")).toBe("0,4");
    expect(formatPerWeek(3, "sv-SE")).toBe("3");
  });

  it("shows a large weekly pace as a whole number, rounded up", () => {
    expect(formatPerWeek(19.0256, "sv-SE")).toBe("20");
    expect(formatPerWeek(1250.2, "sv-SE")).toBe(`1${NBSP}251`);
  });
});

describe("remainingToTarget", () => {
  it("counts what is left to the rounded-up target", () => {
    expect(remainingToTarget({ target: 84.43, actual: 30 })).toBe(55);
  });

  it("is zero once the target is reached and null without a target", () => {
    expect(remainingToTarget({ target: 200, actual: 212 })).toBe(0);
    expect(remainingToTarget({ target: null, actual: 9 })).toBeNull();
  });
});

describe("windowLabel", () => {
  it("names a year window by its year", () => {
    expect(windowLabel("year", window("2024-02-27", "2024-12-31"), sv, "sv-SE")).toBe("2024");
  });

  it("names term windows vt and ht, even when clipped by the period", () => {
    expect(windowLabel("term", window("2024-02-27", "2024-06-15"), sv, "sv-SE")).toBe("vt 2024");
    expect(windowLabel("term", window("2026-08-15", "2026-12-31"), sv, "sv-SE")).toBe("ht 2026");
  });

  it("names a month window by month and year in Swedish", () => {
    expect(windowLabel("month", window("2026-11-01", "2026-11-30"), sv, "sv-SE")).toBe("november 2026");
  });

  it("names the period window the whole period", () => {
    expect(windowLabel("period", window("2026-01-01", "2027-12-31"), sv, "sv-SE")).toBe("hela perioden");
  });

  it("speaks English when the page does", () => {
    expect(windowLabel("month", window("2026-11-01", "2026-11-30"), en, localeOf("en"))).toBe("November 2026");
    expect(windowLabel("term", window("2026-08-15", "2026-12-31"), en, localeOf("en"))).toBe("autumn term 2026");
  });
});

describe("displayWindow", () => {
  const vt = window("2026-01-01", "2026-06-15");
  const ht = window("2026-08-15", "2026-12-31");

  it("shows the current window when there is one", () => {
    expect(displayWindow({ current: ht, windows: [vt, ht] }, "2026-11-22")).toBe(ht);
  });

  it("shows the last window that ended when the date falls between terms", () => {
    expect(displayWindow({ current: null, windows: [vt, ht] }, "2026-07-01")).toBe(vt);
  });

  it("shows the last window after the period and the first before it", () => {
    expect(displayWindow({ current: null, windows: [vt, ht] }, "2027-03-01")).toBe(ht);
    expect(displayWindow({ current: null, windows: [vt, ht] }, "2025-12-01")).toBe(vt);
  });

  it("has nothing to show for a commitment without windows", () => {
    expect(displayWindow({ current: null, windows: [] }, "2026-11-22")).toBeNull();
  });
});

describe("countByStatus", () => {
  it("counts the commitments per status, most urgent first, leaving out absent statuses", () => {
    const statuses: CommitmentProgress["status"][] = ["met", "behind", "met", "tracking", "at_risk", "behind"];
    expect(countByStatus(statuses.map((status) => ({ status })))).toEqual([
      { status: "behind", count: 2 },
      { status: "at_risk", count: 1 },
      { status: "met", count: 2 },
      { status: "tracking", count: 1 },
    ]);
  });
});

describe("shareOfTarget", () => {
  it("gives the share of the target, capped at the whole bar", () => {
    expect(shareOfTarget(30, 60)).toBe(0.5);
    expect(shareOfTarget(212, 200)).toBe(1);
  });

  it("has no share without a target", () => {
    expect(shareOfTarget(9, null)).toBeNull();
  });
});
