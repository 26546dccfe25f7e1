import { BASE, Region, RegionDirectory, distanceKm, regionDirectory } from './index';

const dir = regionDirectory();
const DEFAULT_PREFECTURE_RADIUS_KM = 200;

/** Reference points from public city coordinates (city centres), independent of the data file. */
const REF = {
  hohhot: { lat: 40.833, lng: 111.75 },
  datong: { lat: 40.083, lng: 113.3 },
  zhangjiakou: { lat: 40.817, lng: 114.883 },
  baotou: { lat: 40.65, lng: 109.833 },
  beijing: { lat: 39.9042, lng: 116.4074 }, // 天安门
};
const fromBase = (p: { lat: number; lng: number }) => distanceKm(BASE.lat, BASE.lng, p.lat, p.lng);

describe('RegionDirectory: codes and names', () => {
  it('knows current codes at every level', () => {
    expect(dir.get('150902')).toMatchObject({ name: '集宁区', level: 'COUNTY', parent: '150900' });
    expect(dir.get('150900')).toMatchObject({ name: '乌兰察布市', level: 'PREFECTURE', parent: '150000' });
    expect(dir.get('150000')).toMatchObject({ name: '内蒙古自治区', level: 'PROVINCE' });
    for (const code of ['150102', '150105', '150202', '140213', '140215', '130708', '130709', '130702', '110101', '150981']) {
      expect(dir.isKnown(code)).toBe(true);
      expect(dir.isCurrent(code)).toBe(true);
    }
    expect(dir.isKnown('150999')).toBe(false);
    expect(dir.isKnown('999999')).toBe(false);
    expect(dir.get('nonsense')).toBeUndefined();
  });

  it('has every Ulanqab county', () => {
    const ulanqab = dir
      .all()
      .filter((r) => r.parent === '150900' && !r.historic)
      .map((r) => r.code)
      .sort();
    expect(ulanqab).toEqual(['150902', '150921', '150922', '150923', '150924', '150925', '150926', '150927', '150928', '150929', '150981']);
  });

  it('builds full names, skipping placeholder levels', () => {
    expect(dir.fullName('150902')).toBe('内蒙古自治区 乌兰察布市 集宁区');
    expect(dir.fullName('150900')).toBe('内蒙古自治区 乌兰察布市');
    expect(dir.fullName('110105')).toBe('北京市 朝阳区');
    expect(dir.fullName('140215')).toBe('山西省 大同市 云州区');
    expect(dir.fullName('000000')).toBeUndefined();
  });

  it('flags NBS statistics-only development zones', () => {
    expect(dir.get('150172')).toMatchObject({ stat: true }); // 呼和浩特经济技术开发区
    expect(dir.get('150902')?.stat).toBeUndefined();
  });
});

describe('RegionDirectory: historic codes', () => {
  it('knows pre-2003 乌兰察布盟 codes and maps them to current codes', () => {
    const cases: Array<[string, string, string]> = [
      ['152600', '乌兰察布盟', '150900'],
      ['152601', '集宁市', '150902'],
      ['152602', '丰镇市', '150981'],
      ['152624', '卓资县', '150921'],
      ['152634', '四子王旗', '150929'],
      ['152621', '武川县', '150125'], // to Hohhot 1996 (hand-curated, "likely")
      ['152633', '达尔罕茂明安联合旗', '150223'], // to Baotou 1996 (hand-curated, "likely")
    ];
    for (const [code, name, current] of cases) {
      expect(dir.isKnown(code)).toBe(true);
      expect(dir.isCurrent(code)).toBe(false);
      expect(dir.get(code)).toMatchObject({ name, historic: true, current });
    }
    expect(dir.fullName('152601')).toBe('内蒙古自治区 乌兰察布盟 集宁市');
  });

  it('maps district reforms near the base', () => {
    expect(dir.get('140227')).toMatchObject({ name: '大同县', historic: true, current: '140215' });
    expect(dir.get('140202')).toMatchObject({ historic: true, current: '140213' });
    expect(dir.get('130721')).toMatchObject({ name: '宣化县', historic: true, current: '130705' });
    expect(dir.get('130733')).toMatchObject({ name: '崇礼县', historic: true, current: '130709' });
  });

  it('every historic code with a successor points at a current code', () => {
    for (const r of dir.all().filter((x) => x.historic && x.current)) {
      expect(dir.isCurrent(r.current as string)).toBe(true);
    }
  });

  it('gives historic codes coordinates through their successor', () => {
    const c = dir.coordinates('152601');
    expect(c).toMatchObject({ code: '150902', level: 'COUNTY', exact: false });
    expect(dir.distanceToBaseKm('152601')).toBeLessThan(1);
  });
});

describe('RegionDirectory: coordinates and distances', () => {
  it('haversine uses the mean earth radius', () => {
    // one degree of latitude on a 6371.0088 km sphere
    expect(distanceKm(0, 0, 1, 0)).toBeCloseTo((Math.PI / 180) * 6371.0088, 6);
    expect(dir.distanceKm(41.03, 113.13, 41.03, 113.13)).toBe(0);
    expect(RegionDirectory.BASE.code).toBe('150902');
  });

  it('places the base in 集宁区', () => {
    expect(dir.coordinates(BASE.code)).toMatchObject({ code: '150902', level: 'COUNTY', exact: true });
    expect(dir.distanceToBaseKm('150902')).toBeLessThan(1);
  });

  it.each([
    ['Hohhot', '150100', REF.hohhot],
    ['Datong', '140200', REF.datong],
    ['Zhangjiakou', '130700', REF.zhangjiakou],
    ['Baotou', '150200', REF.baotou],
    ['Beijing', '110000', REF.beijing],
  ])('%s (%s) is within ±25 km of its real straight-line distance', (_n, code, ref) => {
    expect(Math.abs((dir.distanceToBaseKm(code) as number) - fromBase(ref))).toBeLessThanOrEqual(25);
  });

  it('matches the rough figures of the domain brief where they are straight-line figures', () => {
    // Domain brief: Hohhot ~130, Datong ~100, Zhangjiakou ~200, Baotou ~280 km.
    // Straight-line truth: Hohhot ≈118, Datong ≈107, Zhangjiakou ≈150 (the brief's 200 is not a
    // straight-line figure), Baotou ≈280, Beijing centre ≈304.
    expect(fromBase(REF.hohhot)).toBeGreaterThan(105);
    expect(fromBase(REF.hohhot)).toBeLessThan(130);
    expect(fromBase(REF.datong)).toBeGreaterThan(95);
    expect(fromBase(REF.datong)).toBeLessThan(120);
    expect(fromBase(REF.zhangjiakou)).toBeGreaterThan(135);
    expect(fromBase(REF.zhangjiakou)).toBeLessThan(165);
    expect(fromBase(REF.baotou)).toBeGreaterThan(265);
    expect(fromBase(REF.baotou)).toBeLessThan(295);
    expect(fromBase(REF.beijing)).toBeGreaterThan(295);
    expect(fromBase(REF.beijing)).toBeLessThan(315);
  });

  it('falls back to prefecture, then province, and says so', () => {
    // a development zone has no own row in seat-coordinates.tsv
    expect(dir.coordinates('150172')).toMatchObject({ code: '150100', level: 'PREFECTURE', exact: false });
    // a far county without own coordinates falls back to its prefecture
    expect(dir.coordinates('440106')).toMatchObject({ code: '440100', level: 'PREFECTURE' });
    expect(dir.coordinates('150000')).toMatchObject({ level: 'PROVINCE', exact: true });
    expect(dir.coordinates('000000')).toBeUndefined();
  });
});

describe('RegionDirectory: withinKm', () => {
  const within300 = dir.withinKm(300);
  const codes = new Set(within300.map((d) => d.region.code));

  it('is sorted by distance and starts at the base', () => {
    expect(within300[0].region.code).toBe('150902');
    for (let i = 1; i < within300.length; i++) {
      expect(within300[i].distanceKm).toBeGreaterThanOrEqual(within300[i - 1].distanceKm);
    }
    expect(within300.every((d) => d.region.level === 'COUNTY' && !d.region.historic)).toBe(true);
  });

  it('includes Hohhot districts, all Datong counties, Zhangjiakou and Baotou', () => {
    for (const c of ['150102', '150103', '150104', '150105', '150121', '150125']) expect(codes.has(c)).toBe(true);
    const datong = dir.all().filter((r) => r.parent === '140200' && !r.historic && !r.stat);
    expect(datong.length).toBe(10);
    for (const r of datong) expect(codes.has(r.code)).toBe(true);
    for (const c of ['130702', '130703', '130705', '150203', '150202']) expect(codes.has(c)).toBe(true);
  });

  it('reaches only the north-western edge of Beijing', () => {
    // Beijing's centre is ~304 km from the base: 延庆/昌平/门头沟 are inside 300 km, the
    // eastern and southern districts are not.
    for (const c of ['110119', '110114', '110109']) expect(codes.has(c)).toBe(true);
    for (const c of ['110112', '110117', '110118', '110115']) expect(codes.has(c)).toBe(false);
    expect(dir.distanceToBaseKm('110101')).toBeGreaterThan(295);
  });

  it('excludes Tianjin and far places', () => {
    expect([...codes].some((c) => c.startsWith('12'))).toBe(false);
    expect(codes.has('150802')).toBe(false); // 临河 ~480 km
  });

  it('accepts another origin', () => {
    const nearHohhot = dir.withinKm(20, { lat: 40.842, lng: 111.749 });
    expect(nearHohhot[0].region.parent).toBe('150100');
  });
});

describe('coordinate completeness within 400 km of the base', () => {
  const all = dir.all();
  const current = all.filter((r) => !r.historic);
  const prefectures = current.filter((r) => r.level === 'PREFECTURE');
  const countiesOf = (p: Region) => current.filter((r) => r.level === 'COUNTY' && r.parent === p.code && !r.stat);
  const seatKm = (r: Region) => distanceKm(BASE.lat, BASE.lng, r.lat as number, r.lng as number);

  it('every province and prefecture has coordinates', () => {
    const missing = current.filter((r) => r.level !== 'COUNTY' && r.lat === undefined).map((r) => r.code + r.name);
    expect(missing).toEqual([]);
  });

  it('every county that may lie within 400 km has its own coordinates, the rest are proven farther', () => {
    const missing: string[] = [];
    for (const p of prefectures) {
      const radius = p.radiusKm ?? DEFAULT_PREFECTURE_RADIUS_KM;
      const mayIntersect = seatKm(p) - radius <= 400;
      if (!mayIntersect) continue; // every county seat is > 400 km away (seat distance − radius)
      for (const c of countiesOf(p)) if (c.lat === undefined) missing.push(`${c.code}${c.name}`);
    }
    expect(missing).toEqual([]);
  });

  it('the radius bounds hold where all county seats are known', () => {
    const violations: string[] = [];
    for (const p of prefectures) {
      const counties = countiesOf(p);
      if (counties.length === 0 || counties.some((c) => c.lat === undefined)) continue;
      const radius = p.radiusKm ?? DEFAULT_PREFECTURE_RADIUS_KM;
      for (const c of counties) {
        const d = distanceKm(p.lat as number, p.lng as number, c.lat as number, c.lng as number);
        if (d > radius) violations.push(`${c.code}${c.name} ${d.toFixed(0)}km > ${radius}km from ${p.name}`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('county seats in the data are all in plausible places (inside their prefecture radius)', () => {
    // guards against typos in seat-coordinates.tsv such as swapped lat/lng
    for (const c of current.filter((r) => r.level === 'COUNTY' && r.lat !== undefined)) {
      const p = dir.get(c.parent as string) as Region;
      expect(distanceKm(p.lat as number, p.lng as number, c.lat as number, c.lng as number)).toBeLessThan(p.radiusKm ?? DEFAULT_PREFECTURE_RADIUS_KM + 1);
    }
  });
});
