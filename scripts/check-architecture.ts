/**
 * Part of `npm run lint`: checks the import rules of scripts/architecture-rules.ts on src/ and web/src,
 * then that the modules of src/modules form a one-way graph (no module reaches itself through others,
 * even when no single file circle shows it). Prints each violation and exits 1 if there is any;
 * with --graph, also prints which modules each module uses.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import { architectureRules } from './architecture-rules.js';
import { findModuleCycles, moduleGraph } from './module-graph.js';

const result = await cruise(
  ['src', 'web/src'],
  { validate: true, ruleSet: architectureRules, tsPreCompilationDeps: true, doNotFollow: { path: 'node_modules' }, exclude: { path: '(^dist/|\\.d\\.ts$)' } },
  { extensionAlias: { '.js': ['.ts', '.tsx', '.js'] } },
);
const output = result.output as ICruiseResult;
const problems: string[] = [];
for (const violation of output.summary.violations) {
  const via = violation.cycle ? ` (circle: ${violation.cycle.map((step) => step.name).join(' -> ')})` : '';
  problems.push(`${violation.rule.name}: ${violation.from} -> ${violation.to}${via}`);
}
for (const cycle of findModuleCycles(moduleGraph(output.modules))) problems.push(`module-cycle: ${cycle.join(' -> ')}`);
problems.push(...tableTypesExported());

/**
 * One owner per table: a module's Kysely types name only its tables, and no index.ts hands its
 * `*Tables` (or a `*Db` union) to others, so a query on another module's table cannot compile.
 */
function tableTypesExported(): string[] {
  const found: string[] = [];
  for (const name of readdirSync('src/modules')) {
    const index = `src/modules/${name}/index.ts`;
    let text: string;
    try {
      text = readFileSync(index, 'utf8');
    } catch {
      continue;
    }
    for (const match of text.matchAll(/\b(\w+(?:Tables|Db))\b/g)) found.push(`tables-stay-home: ${index} exports ${match[1]}`);
  }
  return found;
}

if (process.argv.includes('--graph')) {
  for (const [name, uses] of [...moduleGraph(output.modules)].sort()) console.log(`${name.padEnd(16)} -> ${[...uses].sort().join(', ') || '(platform only)'}`);
}
if (problems.length > 0) {
  console.error(`Architecture rules broken (${problems.length}); docs/ARCHITECTURE.md says why each rule exists:`);
  for (const problem of problems) console.error(`  ${problem}`);
  process.exitCode = 1;
} else {
  console.log(`architecture: ${output.summary.totalCruised} files, ${output.summary.totalDependenciesCruised} imports, module graph one-way`);
}
