/** The graph of src/modules/<name> folders drawn from file imports, and the circles in it. */
type CruisedModule = { source: string; dependencies: Array<{ resolved: string }> };

const MODULE = /^src\/modules\/([^/]+)\//;
const TEST_FILE = /(\.test\.tsx?|-test-support\.ts)$/;

export function moduleGraph(files: CruisedModule[]): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of files) {
    const from = MODULE.exec(file.source)?.[1];
    if (!from || TEST_FILE.test(file.source)) continue;
    const edges = graph.get(from) ?? new Set<string>();
    graph.set(from, edges);
    for (const dependency of file.dependencies) {
      const to = MODULE.exec(dependency.resolved)?.[1];
      if (to && to !== from) edges.add(to);
    }
  }
  return graph;
}

/** Each circle once, as the path that closes it (`a -> b -> a`). */
export function findModuleCycles(graph: Map<string, Set<string>>): string[][] {
  const cycles: string[][] = [];
  const seen = new Set<string>();
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of [...(graph.get(node) ?? [])].sort()) {
      if (state.get(next) === 'open') {
        const cycle = [...stack.slice(stack.indexOf(next)), next];
        const key = [...cycle.slice(0, -1)].sort().join(',');
        if (!seen.has(key)) cycles.push(cycle);
        seen.add(key);
      } else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node);
  return cycles;
}
