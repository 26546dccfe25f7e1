import { evaluateCompletion, isPass } from './completion-rule';

const base = { totalSessions: 5, attendedSessions: 4, minAttendancePct: 80, requiresAssessment: true, passedAssessment: true };

describe('completion rule (≥ 80 % attendance + passed assessment)', () => {
  it('4 of 5 sessions is exactly 80 %: complete when passed', () => {
    expect(evaluateCompletion(base)).toEqual({ complete: true, attendanceMet: true, assessmentMet: true, attendancePct: 80 });
  });

  it('3 of 5 is not enough, even with a pass', () => {
    expect(evaluateCompletion({ ...base, attendedSessions: 3 })).toMatchObject({ complete: false, attendanceMet: false, attendancePct: 60 });
  });

  it('full attendance without a passed assessment is not complete', () => {
    expect(evaluateCompletion({ ...base, attendedSessions: 5, passedAssessment: false })).toMatchObject({
      complete: false,
      attendanceMet: true,
      assessmentMet: false,
    });
  });

  it('classes without an assessment complete on attendance alone', () => {
    expect(evaluateCompletion({ ...base, requiresAssessment: false, passedAssessment: false }).complete).toBe(true);
  });

  it('no exact-decimal traps: 7 of 9 at 77 % passes, at 78 % fails (7/9 = 77.8 %)', () => {
    const nine = { ...base, totalSessions: 9, attendedSessions: 7 };
    expect(evaluateCompletion({ ...nine, minAttendancePct: 77 }).complete).toBe(true);
    expect(evaluateCompletion({ ...nine, minAttendancePct: 78 }).complete).toBe(false);
    // 0.1-style float errors: 29 of 29 with 100 %.
    expect(evaluateCompletion({ ...base, totalSessions: 29, attendedSessions: 29, minAttendancePct: 100 }).complete).toBe(true);
  });

  it('a class without sessions cannot be completed; attendance above the total is capped', () => {
    expect(evaluateCompletion({ ...base, totalSessions: 0, attendedSessions: 0 }).complete).toBe(false);
    expect(evaluateCompletion({ ...base, attendedSessions: 9 }).attendancePct).toBe(100);
  });

  it('the pass mark is inclusive', () => {
    expect(isPass(60, 60)).toBe(true);
    expect(isPass(59, 60)).toBe(false);
    expect(isPass(100, 100)).toBe(true);
  });
});
