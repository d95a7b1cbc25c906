import type { Commitment } from "@lofteskollen/contracts";
import { describe, expect, it } from "vitest";
import { continuingCommitment } from "./continuing";

const commitment = (id: number, title: string, activityType = "outreach", cadence: Commitment["cadence"] = "year"): Commitment => ({
  id,
  promiseId: 1,
  title,
  description: null,
  theme: null,
  activityType,
  unit: "tillfällen",
  target: 100,
  cadence,
  organisations: ["Polisen"],
});

describe("continuingCommitment", () => {
  it("finds the commitment with the same title, whatever its case and spaces", () => {
    const others = [commitment(21, "SSPF-möten", "sspf_meeting", "term"), commitment(22, " minst 100 uppsökande per år ")];
    expect(continuingCommitment(commitment(11, "Minst 100 uppsökande per år"), others)?.id).toBe(22);
  });

  it("finds a renamed commitment by its activity type and cadence while only one matches", () => {
    const others = [commitment(21, "Uppsökande kvällstid"), commitment(22, "SSPF-möten", "sspf_meeting", "term")];
    expect(continuingCommitment(commitment(11, "Minst 100 uppsökande per år"), others)?.id).toBe(21);
  });

  it("finds none when the type and cadence match several, or nothing matches", () => {
    const twoOutreach = [commitment(21, "Uppsökande kvällstid"), commitment(22, "Uppsökande helger")];
    expect(continuingCommitment(commitment(11, "Minst 100 uppsökande per år"), twoOutreach)).toBeNull();
    expect(continuingCommitment(commitment(11, "Trygghetsvandringar", "safety_walk"), [commitment(21, "Uppsökande", "outreach", "month")])).toBeNull();
  });
});
