import type { Term } from "../progress/types";

/**
 * The SPEC's default term calendar for the given years: vt 1 January – 15 June, ht 15 August –
 * 31 December. In the product the calendar is editable data; tests build it here.
 */
export function defaultTermCalendar(firstYear: number, lastYear: number): Term[] {
  const terms: Term[] = [];
  for (let year = firstYear; year <= lastYear; year++) {
    terms.push({ name: `vt ${year}`, start: `${year}-01-01`, end: `${year}-06-15` });
    terms.push({ name: `ht ${year}`, start: `${year}-08-15`, end: `${year}-12-31` });
  }
  return terms;
}
