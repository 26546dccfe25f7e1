import { checkRatings, weightedScoreX100 } from './scorecard.service';

const criteria = [
  { name: '普通话', weight: 40 },
  { name: '语速', weight: 20 },
  { name: '应变', weight: 30 },
  { name: '打字', weight: 10 },
];

describe('scorecard rules', () => {
  it('weighted mean ×100 in integers', () => {
    const ratings = [
      { criterion: '普通话', score: 5 },
      { criterion: '语速', score: 4 },
      { criterion: '应变', score: 3 },
      { criterion: '打字', score: 2 },
    ];
    // (5·40 + 4·20 + 3·30 + 2·10) / 100 = 3.9
    expect(weightedScoreX100(criteria, ratings)).toBe(390);
    expect(checkRatings(criteria, ratings)).toBeNull();
  });
  it('refuses missing, unknown, repeated and out-of-scale ratings', () => {
    expect(checkRatings(criteria, [{ criterion: '普通话', score: 5 }])?.zh).toContain('未评分：语速、应变、打字');
    expect(checkRatings(criteria, [{ criterion: '英语', score: 5 }])?.en).toContain('not a criterion');
    expect(
      checkRatings(criteria, [
        { criterion: '普通话', score: 5 },
        { criterion: '普通话', score: 4 },
      ])?.en,
    ).toContain('twice');
    expect(checkRatings(criteria, [{ criterion: '普通话', score: 6 }])?.zh).toContain('1–5');
  });
});
