import { BoothQueue } from './booth-queue';

describe('BoothQueue', () => {
  it('admits seekers in arrival order, one at a time', () => {
    const q = new BoothQueue(30_000);
    q.arrive('a');
    q.arrive('b');
    q.arrive('c');
    expect([q.position('a'), q.position('b'), q.position('c')]).toEqual([1, 2, 3]);
    expect(q.admitNext(0)).toEqual({ previous: null, next: 'a' });
    expect(q.admitted).toBe('a');
    expect([q.position('a'), q.position('b')]).toEqual([null, 1]);
    expect(q.admitNext(0)).toEqual({ previous: 'a', next: 'b' });
    expect(q.admitNext(0)).toEqual({ previous: 'b', next: 'c' });
    expect(q.admitNext(0)).toEqual({ previous: 'c', next: null });
    expect(q.admitted).toBeNull();
  });

  it('keeps the place of a seeker who drops and comes back within the grace period', () => {
    const q = new BoothQueue(30_000);
    ['a', 'b'].forEach((id) => q.arrive(id));
    q.drop('a', 1_000);
    q.purge(20_000);
    q.arrive('a');
    expect(q.waiting()).toEqual(['a', 'b']);
  });

  it('forgets a dropped seeker after the grace period and skips them when admitting', () => {
    const q = new BoothQueue(30_000);
    ['a', 'b', 'c'].forEach((id) => q.arrive(id));
    q.drop('a', 0);
    expect(q.admitNext(1_000)).toEqual({ previous: null, next: 'b' }); // a is away: skipped, keeps the place
    expect(q.waiting()).toEqual(['a', 'c']);
    expect(q.purge(31_000)).toEqual(['a']);
    expect(q.waiting()).toEqual(['c']);
  });

  it('a seeker who leaves gives up their place or their turn', () => {
    const q = new BoothQueue(30_000);
    ['a', 'b'].forEach((id) => q.arrive(id));
    q.admitNext(0);
    q.remove('a');
    expect(q.admitted).toBeNull();
    q.remove('b');
    expect(q.waiting()).toEqual([]);
  });

  it('an admitted seeker who reconnects stays admitted', () => {
    const q = new BoothQueue(30_000);
    q.arrive('a');
    q.admitNext(0);
    q.drop('a', 5);
    q.arrive('a');
    expect(q.admitted).toBe('a');
    expect(q.waiting()).toEqual([]);
  });
});
