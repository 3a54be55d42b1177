import { test } from "node:test";
import assert from "node:assert/strict";
import { formatValue, formatDate, formatLarge, UNIT_NAMES, UNITS } from "../scripts/lib/units.ts";
import { factSchema } from "../scripts/lib/schema.ts";

const cases: [number | string, Parameters<typeof formatValue>[1], Parameters<typeof formatValue>[2], string][] = [
  [50, "percent", {}, "50%"],
  [12.5, "percent", {}, "12.5%"],
  [500000000000, "usd", {}, "$500 billion"],
  [65900000000, "usd", {}, "$65.9 billion"],
  [75000000, "usd", {}, "$75 million"],
  [14800000000000, "usd", {}, "$14.8 trillion"],
  [350000000000, "usd", { approximate: true }, "about $350 billion"],
  [500000000000, "usd", { approximate: true }, "about $500 billion"],
  [138000000000, "eur", {}, "€138 billion"],
  [1500, "eur", {}, "€1,500"],
  [2000000, "uah", {}, "₴2 million"],
  [338, "count", {}, "338"],
  [12345, "count", {}, "12,345"],
  [-23000000000, "eur", {}, "-€23 billion"],
  [120000, "tonnes", {}, "120,000 tonnes"],
  ["2022-02-01", "date", { precision: "month" }, "February 2022"],
  ["2025-04-30", "date", {}, "30 April 2025"],
  ["2025-04-30", "date", { precision: "year" }, "2025"],
];

for (const [value, unit, opts, expected] of cases) {
  test(`formatValue(${JSON.stringify(value)}, ${unit}, ${JSON.stringify(opts)}) is "${expected}"`, () => {
    assert.equal(formatValue(value, unit, opts), expected);
  });
}

test("formatLarge keeps two decimals at most and drops trailing zeros", () => {
  assert.equal(formatLarge(1_234_000_000), "1.23 billion");
  assert.equal(formatLarge(1_000_000_000), "1 billion");
  assert.equal(formatLarge(999_999), "999,999");
});

test("formatDate leaves non-dates alone", () => {
  assert.equal(formatDate("soon"), "soon");
});

test("the schema accepts exactly the units the formatter knows", () => {
  assert.deepEqual([...UNIT_NAMES].sort(), Object.keys(UNITS).sort());
  const unit = factSchema.shape.figures.unwrap().valueType;
  for (const u of UNIT_NAMES) {
    const r = unit.safeParse({ label: "x", value: u === "date" ? "2025-01-01" : 1, unit: u, source: "s" });
    assert.ok(r.success, `unit ${u} should be accepted`);
  }
  assert.equal(unit.safeParse({ label: "x", value: 1, unit: "gbp", source: "s" }).success, false);
});
