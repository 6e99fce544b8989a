import { readProfile } from './profile-summary.js';
const dir = process.argv[2]!;
const a = readProfile(`${dir}/profile-api`, { fromMs: 3000, toMs: 1e12 })!;
const b = readProfile(`${dir}/profile-baseline`, { fromMs: 3000, toMs: 1e12 })!;
const ra = Number(process.argv[3]), rb = Number(process.argv[4]);
for (const kind of ['self', 'inclusive'] as const) {
  const keys = new Set([...a[kind].keys(), ...b[kind].keys()]);
  const rows = [...keys].map((k) => ({ k, d: ((a[kind].get(k) ?? 0) * 0.5) / ra - ((b[kind].get(k) ?? 0) * 0.5) / rb }));
  rows.sort((x, y) => y.d - x.d);
  console.log(`== ${kind}`);
  for (const r of rows.slice(0, kind === 'self' ? 30 : 45)) console.log(r.d.toFixed(3), r.k);
}
