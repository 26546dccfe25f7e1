/**
 * When a trainee has completed a class 结业: attended at least the class's
 * minimum share of its sessions (e.g. 80 %), and — when the class requires it —
 * passed an assessment 考核合格. Integer arithmetic only: 4 of 5 sessions is
 * exactly 80 %, with no floating-point edge.
 */
export interface CompletionFacts {
  totalSessions: number;
  attendedSessions: number;
  minAttendancePct: number;
  requiresAssessment: boolean;
  passedAssessment: boolean;
}

export interface CompletionVerdict {
  complete: boolean;
  attendanceMet: boolean;
  assessmentMet: boolean;
  /** Rounded down, for display only; the rule itself compares exactly. */
  attendancePct: number;
}

export function evaluateCompletion(f: CompletionFacts): CompletionVerdict {
  const attended = Math.min(f.attendedSessions, f.totalSessions);
  const attendanceMet = f.totalSessions > 0 && attended * 100 >= f.minAttendancePct * f.totalSessions;
  const assessmentMet = !f.requiresAssessment || f.passedAssessment;
  return {
    complete: attendanceMet && assessmentMet,
    attendanceMet,
    assessmentMet,
    attendancePct: f.totalSessions > 0 ? Math.floor((attended * 100) / f.totalSessions) : 0,
  };
}

/** Pass mark of the class, inclusive: 60 passes when the mark is 60. */
export function isPass(score: number, passScore: number): boolean {
  return score >= passScore;
}
