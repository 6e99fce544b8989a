// `npm run build` and the first half of `npm start`: `tsc --build` with the incremental state in
// dist/ (tsconfig.build.json), so an unchanged tree is checked in about a second instead of
// type-checked again (issue 15). tsc trusts its .tsbuildinfo and does not notice emitted files
// that were deleted since: when any src/**/*.ts has no dist/src/**/*.js, the state is dropped
// and everything is built again.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { URL, fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const buildInfo = join(root, 'dist/tsconfig.build.tsbuildinfo');

const sources = readdirSync(join(root, 'src'), { recursive: true }).filter(
  (file) => file.endsWith('.ts') && !file.endsWith('.d.ts'),
);
const missing = sources.some(
  (file) => !existsSync(join(root, 'dist/src', file.replace(/\.ts$/, '.js'))),
);
if (missing) rmSync(buildInfo, { force: true });

const tsc = join(root, 'node_modules/typescript/bin/tsc');
const result = spawnSync(process.execPath, [tsc, '--build', 'tsconfig.build.json'], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
