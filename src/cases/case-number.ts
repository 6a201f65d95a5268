/** PUI-2026-0001: "personuppgiftsincident", the year the case was reported, and its place in that year's sequence. */
export function formatCaseNumber(year: number, sequence: number): string {
  return `PUI-${year}-${String(sequence).padStart(4, "0")}`;
}
