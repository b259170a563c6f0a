/**
 * Part of `npm run lint`: checks the import rules of scripts/architecture-rules.ts on src/ and web/src,
 * then that the modules of src/modules form a one-way graph (no module reaches itself through others,
 * even when no single file circle shows it). Prints each violation and exits 1 if there is any.
 */
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

if (problems.length > 0) {
  console.error(`Architecture rules broken (${problems.length}); docs/ARCHITECTURE.md says why each rule exists:`);
  for (const problem of problems) console.error(`  ${problem}`);
  process.exitCode = 1;
} else {
  console.log(`architecture: ${output.summary.totalCruised} files, ${output.summary.totalDependenciesCruised} imports, module graph one-way`);
}
