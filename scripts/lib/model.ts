/** The typed content model that the loader produces and every output reads. */
import type { Unit, Precision } from "./units.ts";
import type { ChartType, ChartOrientation } from "./chart-types.ts";
import type { SafeYaml } from "./yaml-safe.ts";
import type { VerificationRecord } from "./verification.ts";
import type { Status, SourceInput, SiteInput, TopicInput } from "./schema.ts";

/** Where an entry came from, so later checks (cross-references, body) can point at it. */
export interface Origin {
  file: string;
  yaml?: SafeYaml;
  /** Line offset of the YAML text inside the file (front matter starts on line 2). */
  yamlLine: number;
  bodyLine: number;
}

export interface Figure {
  id: string;
  fact: string;
  label: string;
  value: number | string;
  unit: Unit;
  approximate: boolean;
  precision: Precision;
  asOf?: string;
  source: string;
  quote?: string;
  attribution?: string;
  /** The formatted value, e.g. "about $500 billion". */
  display: string;
}

export interface Datum {
  label: string;
  value: number;
  unit: Unit;
  display: string;
  source: string;
  quote?: string;
  attribution?: string;
  figure?: string;
}

export interface Chart {
  id: string;
  fact: string;
  type: ChartType;
  orientation: ChartOrientation;
  title: string;
  note?: string;
  unit: Unit;
  data: Datum[];
}

export interface Fact {
  slug: string;
  title: string;
  summary: string;
  date: string;
  precision: Precision;
  status: Status;
  topics: string[];
  people: string[];
  figures: string[];
  charts: string[];
  /** Dated notes on what was corrected, in file order (index = position in the YAML list). */
  corrections: Correction[];
  body: string;
  origin: Origin;
}

export interface Correction { date: string; note: string }

export interface Person { slug: string; name: string; kind: "person" | "organisation"; role: string; body: string; origin: Origin }
export interface Page { slug: string; title: string; description: string; navOrder?: number; body: string; origin: Origin }
export type Source = SourceInput & { id: string };
export type Topic = TopicInput & { id: string };
export type Site = SiteInput;

export interface Content {
  site: Site;
  sources: Map<string, Source>;
  topics: Map<string, Topic>;
  facts: Fact[];
  people: Person[];
  pages: Page[];
  figures: Map<string, Figure>;
  charts: Map<string, Chart>;
  origins: { site: Origin; sources: Origin; topics: Origin };
  /** Where each source of content/sources/<id>.yaml came from (those of sources.yaml use origins.sources). */
  sourceOrigins?: Map<string, Origin>;
  /** content/verification/<source-id>.yaml, written by `npm run verify`; absent = not yet checked. */
  verification?: Map<string, VerificationRecord>;
  /** Source id -> the record's file, for the checker's messages. */
  verificationFiles?: Map<string, string>;
}
