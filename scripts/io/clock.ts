/**
 * "Today" for every check that compares a date with now (a correction dated in the
 * future, a commit dated after the build). One function, so tests can set the clock with
 * FACTSHEET_TODAY=YYYY-MM-DD; content and git history never decide what day it is.
 */
import { isRealDate } from "../lib/schema.ts";

export function today(env: NodeJS.ProcessEnv = process.env): string {
  const set = env.FACTSHEET_TODAY?.trim();
  if (set) {
    if (!isRealDate(set)) throw new Error(`FACTSHEET_TODAY="${set}" must be a real date written YYYY-MM-DD`);
    return set;
  }
  return new Date().toISOString().slice(0, 10);
}
