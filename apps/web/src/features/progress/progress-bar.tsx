import { shareOfTarget, type Tone } from "./format";

type ProgressBarProps = {
  actual: number;
  target: number;
  /** Where the schedule says the count should be today; null when the window is not current. */
  expected: number | null;
  tone: Tone;
  /** Spoken instead of the drawing, e.g. "65 % av målet". */
  label: string;
};

/**
 * How much of the target is done, with a tick where the schedule says it should be. The figures
 * are also written out beside it: the bar only adds the picture.
 */
export function ProgressBar({ actual, target, expected, tone, label }: ProgressBarProps) {
  const done = shareOfTarget(actual, target) ?? 0;
  const pace = expected === null ? null : shareOfTarget(expected, target);
  return (
    <div className={`progress-bar progress-bar--${tone}`} role="img" aria-label={label}>
      <div className="progress-bar__fill" style={{ width: `${done * 100}%` }} />
      {pace !== null && <div className="progress-bar__pace" style={{ left: `${pace * 100}%` }} />}
    </div>
  );
}
