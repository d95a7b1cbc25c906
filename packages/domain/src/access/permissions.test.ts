import { describe, expect, it } from "vitest";
import { can, ownOrganisations, PERMISSIONS, permissionScope, ROLES } from "./permissions";

const admin = { role: "admin", organisations: [] } as const;
const manager = { role: "manager", organisations: [] } as const;
const field = { role: "coordinator", organisations: ["Fältenheten"] } as const;
const viewer = { role: "viewer", organisations: [] } as const;

describe("the role table", () => {
  it("gives an admin every permission on every record", () => {
    for (const permission of PERMISSIONS) expect(can(admin, permission, ["Polisen"])).toBe(true);
  });

  it("gives a viewer no permission at all", () => {
    for (const permission of PERMISSIONS) expect(can(viewer, permission)).toBe(false);
  });

  it("lets a manager write promises and updates and void any activity, but not log, manage users or read the audit trail", () => {
    expect(PERMISSIONS.filter((p) => can(manager, p, ["Polisen"]))).toEqual(["activity.void", "update.write", "promise.write"]);
  });

  it("lets a coordinator log, void and write updates only where their own organisation is responsible", () => {
    expect(can(field, "activity.log", ["Fältenheten"])).toBe(true);
    expect(can(field, "activity.log", ["Polisen", "Fältenheten"])).toBe(true);
    expect(can(field, "activity.log", ["Polisen"])).toBe(false);
    expect(can(field, "activity.void", ["Polisen"])).toBe(false);
    expect(can(field, "update.write", ["Polisen"])).toBe(false);
    expect(can(field, "promise.write", ["Fältenheten"])).toBe(false);
  });

  it("offers a coordinator the logging button only when they act for some organisation", () => {
    expect(can(field, "activity.log")).toBe(true);
    expect(can({ role: "coordinator", organisations: [] }, "activity.log")).toBe(false);
  });

  it("has a scope for every role and permission", () => {
    for (const role of ROLES) for (const permission of PERMISSIONS) expect(["all", "own", "none"]).toContain(permissionScope(role, permission));
  });
});

describe("ownOrganisations", () => {
  it("is the responsible organisations a coordinator acts for, and all of them for an admin", () => {
    expect(ownOrganisations(field, ["Polisen", "Fältenheten"])).toEqual(["Fältenheten"]);
    expect(ownOrganisations(admin, ["Polisen", "Fältenheten"])).toEqual(["Polisen", "Fältenheten"]);
    expect(ownOrganisations(manager, ["Polisen"])).toEqual([]);
  });
});
