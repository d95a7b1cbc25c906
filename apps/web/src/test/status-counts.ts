import type { StatusCounts } from "@lofteskollen/contracts";

/** Status counts as the API sends them: every status present, 0 unless given. */
export const statusCounts = (partial: Partial<StatusCounts>): StatusCounts => ({
  tracking: 0,
  met: 0,
  missed: 0,
  upcoming: 0,
  on_track: 0,
  at_risk: 0,
  behind: 0,
  ...partial,
});
