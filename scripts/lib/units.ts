/**
 * The units a figure may have. This one table drives both the schema (which units are
 * accepted) and the formatter (how each is written), so the two can never disagree.
 */
export type Precision = "day" | "month" | "year";

export interface FormatOptions {
  approximate?: boolean;
  precision?: Precision;
}

type Formatter = (value: number | string, opts: FormatOptions) => string;

const MONTHS = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
];

/** 1234.5 -> "1,234.5"; keeps up to 2 decimals, drops trailing zeros. */
export function formatNumber(n: number, maxDecimals = 2): string {
  const fixed = n.toFixed(maxDecimals).replace(/\.?0+$/, "");
  const [int = "0", dec] = fixed.split(".");
  const sign = int.startsWith("-") ? "-" : "";
  const digits = int.replace("-", "");
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return sign + grouped + (dec ? "." + dec : "");
}

const SCALES: [number, string][] = [
  [1e12, "trillion"],
  [1e9, "billion"],
  [1e6, "million"],
];

/** 500000000000 -> "500 billion"; 65900000000 -> "65.9 billion"; 75000 -> "75,000". */
export function formatLarge(n: number): string {
  const abs = Math.abs(n);
  for (const [size, word] of SCALES) {
    if (abs >= size) return `${formatNumber(n / size, 2)} ${word}`;
  }
  return formatNumber(n, 2);
}

function money(symbol: string): Formatter {
  return (v) => {
    const n = Number(v);
    return (n < 0 ? "-" : "") + symbol + formatLarge(Math.abs(n));
  };
}

/** "2022-02-01" with month precision -> "February 2022". */
export function formatDate(iso: string, precision: Precision = "day"): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const [, y, mo, d] = m;
  const month = MONTHS[Number(mo) - 1] ?? "";
  if (precision === "year") return y!;
  if (precision === "month") return `${month} ${y}`;
  return `${Number(d)} ${month} ${y}`;
}

export const UNITS = {
  percent: { label: "per cent", numeric: true, format: ((v) => `${formatNumber(Number(v), 2)}%`) as Formatter },
  usd: { label: "US dollars", numeric: true, format: money("$") },
  eur: { label: "euros", numeric: true, format: money("€") },
  uah: { label: "hryvnias", numeric: true, format: money("₴") },
  count: { label: "count", numeric: true, format: ((v) => formatLarge(Number(v))) as Formatter },
  tonnes: { label: "tonnes", numeric: true, format: ((v) => `${formatLarge(Number(v))} tonnes`) as Formatter },
  date: { label: "date", numeric: false, format: ((v, o) => formatDate(String(v), o.precision)) as Formatter },
} as const;

export type Unit = keyof typeof UNITS;
export const UNIT_NAMES = Object.keys(UNITS) as [Unit, ...Unit[]];

/** The one formatter: value + unit -> the words a reader sees. */
export function formatValue(value: number | string, unit: Unit, opts: FormatOptions = {}): string {
  const text = UNITS[unit].format(value, opts);
  return opts.approximate ? `about ${text}` : text;
}
