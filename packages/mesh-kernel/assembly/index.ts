/** The mesh kernel's exports: binary STL welding (stl-weld.ts), then the welded mesh's edges (edges.ts), in one memory. */
export * from './stl-weld';
export * from './edges';
