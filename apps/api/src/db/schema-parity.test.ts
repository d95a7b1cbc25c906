import { type Column, getTableName, is, type SQL } from "drizzle-orm";
import { getTableConfig as pgTableConfig, PgTable } from "drizzle-orm/pg-core";
import { getTableConfig as sqliteTableConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";
import * as sqliteSchema from "./schema";
import * as pgSchema from "./schema-pg";

// schema.ts (SQLite) and schema-pg.ts (PostgreSQL) describe the same database (decision 012): one
// service code runs on both, and migrate-to-postgres copies every table column by column. This
// compares what drizzle knows of each table on both sides, so a column, key or index added to one
// file and forgotten in the other fails here, not at run time on one database only.

type AnyConfig = ReturnType<typeof sqliteTableConfig> | ReturnType<typeof pgTableConfig>;
type IndexLike = { config: { name?: string; unique: boolean; where?: SQL; columns: unknown[] } };

const names = (columns: readonly unknown[]) => columns.map((c) => (c as { name?: string }).name ?? "<expression>");

/** A table as both dialects can state it: everything the services and the copy rely on. */
function describeTable(config: AnyConfig) {
  const columns = (config.columns as Column[]).map((c) => ({
    name: c.name,
    notNull: c.notNull,
    // The JavaScript type the services get: SQLite's 0/1 integers in boolean mode are booleans, as PostgreSQL's.
    dataType: c.dataType,
    enumValues: c.enumValues ?? null,
    // Identity (PostgreSQL) and rowid/AUTOINCREMENT (SQLite) keys are both generated; other defaults must match in presence.
    hasDefault: c.primary ? "key" : c.hasDefault,
    unique: c.isUnique ? (c.uniqueName ?? true) : false,
  }));
  const primaryKey = [
    ...(config.columns as Column[]).filter((c) => c.primary).map((c) => [c.name]),
    ...config.primaryKeys.map((pk) => names(pk.columns)),
  ];
  const uniqueConstraints = config.uniqueConstraints.map((u) => ({ name: u.name ?? null, columns: names(u.columns) }));
  const indexes = (config.indexes as IndexLike[])
    .map((i) => ({ name: i.config.name, unique: i.config.unique, partial: i.config.where !== undefined, columns: names(i.config.columns) }))
    .sort((a, b) => String(a.name).localeCompare(String(b.name)));
  const foreignKeys = config.foreignKeys
    .map((fk) => {
      const reference = fk.reference();
      return {
        name: fk.getName(),
        columns: names(reference.columns),
        references: `${getTableName(reference.foreignTable)}(${names(reference.foreignColumns).join(", ")})`,
        onDelete: fk.onDelete ?? "no action",
        onUpdate: fk.onUpdate ?? "no action",
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
  return { columns, primaryKey, uniqueConstraints, indexes, foreignKeys };
}

const sqliteTables = new Map(
  (Object.values(sqliteSchema) as unknown[])
    .filter((value): value is SQLiteTable => is(value, SQLiteTable))
    .map((table) => [getTableName(table), describeTable(sqliteTableConfig(table))] as const),
);
const pgTables = new Map(
  (Object.values(pgSchema) as unknown[])
    .filter((value): value is PgTable => is(value, PgTable))
    .map((table) => [getTableName(table), describeTable(pgTableConfig(table))] as const),
);

describe("schema.ts and schema-pg.ts", () => {
  it("define the same tables", () => {
    expect([...pgTables.keys()].sort()).toEqual([...sqliteTables.keys()].sort());
    expect(sqliteTables.size).toBe(19);
  });

  it("export the same names (tables and the value lists the routes use)", () => {
    expect(Object.keys(pgSchema).sort()).toEqual(Object.keys(sqliteSchema).sort());
    expect(pgSchema.ROLE_VALUES).toEqual(sqliteSchema.ROLE_VALUES);
    expect(pgSchema.ORGANISATION_KINDS).toEqual(sqliteSchema.ORGANISATION_KINDS);
  });

  describe.each([...sqliteTables.keys()].sort())("table %s", (name) => {
    const sqlite = sqliteTables.get(name);
    const pg = pgTables.get(name);

    it("has the same columns, in the same order, with the same nullability, type, enum and defaults", () => {
      expect(pg?.columns).toEqual(sqlite?.columns);
    });

    it("has the same primary key", () => {
      expect(pg?.primaryKey).toEqual(sqlite?.primaryKey);
    });

    it("has the same unique columns, unique constraints and indexes (names, columns, partial or not)", () => {
      expect(pg?.uniqueConstraints).toEqual(sqlite?.uniqueConstraints);
      expect(pg?.indexes).toEqual(sqlite?.indexes);
    });

    it("has the same foreign keys", () => {
      expect(pg?.foreignKeys).toEqual(sqlite?.foreignKeys);
    });
  });
});
