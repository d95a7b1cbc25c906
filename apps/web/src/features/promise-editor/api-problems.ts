import { ApiError } from "../../api/client";

/** What the API refused, by the form's field path (`issues[].path`, renamed by `toPath`), first message per field. */
export function apiProblemsOf(error: unknown, toPath: (path: string) => string = (path) => path): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!(error instanceof ApiError)) return problems;
  for (const issue of error.issues) {
    const path = toPath(issue.path);
    problems[path] ??= issue.message;
  }
  return problems;
}
