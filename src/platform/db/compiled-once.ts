import { createQueryId, type Compilable, type CompiledQuery, type QueryExecutor, type QueryResult } from 'kysely';

/** Where a call's value goes: the builder sees one of these in place of each argument. */
class Slot {
  constructor(readonly index: number) {}
}

/**
 * A query whose shape never changes, built and compiled once; each call only puts its values in the
 * compiled parameters (issue #12: building and compiling the sign-in's queries again on every request
 * was a tenth of its main-thread time). `build` receives stand-ins for the values, to place in the
 * query as values only (in `values`, comparisons, `sql` parameters) and never to look into, branch on
 * or compute with: whatever depends on a value must be done before the call or inside SQL.
 */
export function compiledOnce<Db extends { getExecutor(): QueryExecutor }, Args extends unknown[], Row>(arity: Args['length'], build: (db: Db, ...values: Args) => Compilable<Row>) {
  let template: CompiledQuery<Row> | undefined;
  return (db: Db, ...values: Args): Promise<QueryResult<Row>> => {
    const executor = db.getExecutor();
    const queryId = createQueryId();
    let compiled: CompiledQuery<Row>;
    // Any connection or transaction compiles alike (one dialect per database): the first call's serves,
    // its plugins run by compiling. Later calls' plugins see the query as they would a built one; one
    // that rewrites it gets it compiled anew.
    if (!template) compiled = template = compileTemplate(arity, (...slots: Args) => build(db, ...slots));
    else {
      const node = executor.transformQuery(template.query, queryId);
      compiled = node === template.query ? template : executor.compileQuery<Row>(node, queryId);
    }
    const parameters = compiled.parameters.map((p) => (p instanceof Slot ? values[p.index] : p));
    return executor.executeQuery<Row>({ ...compiled, queryId, parameters });
  };
}

function compileTemplate<Args extends unknown[], Row>(arity: number, build: (...values: Args) => Compilable<Row>): CompiledQuery<Row> {
  const slots = Array.from({ length: arity }, (_, i) => new Slot(i));
  const compiled = build(...(slots as Args)).compile();
  const placed = new Set(compiled.parameters.filter((p): p is Slot => p instanceof Slot).map((s) => s.index));
  // A stand-in turned into SQL text, or left out, would bind the wrong values: refuse the query.
  if (placed.size !== arity || compiled.sql.includes('[object Object]')) throw new Error(`compiledOnce: every value must be placed in the query as a parameter (${placed.size} of ${arity} were)`);
  return compiled;
}
