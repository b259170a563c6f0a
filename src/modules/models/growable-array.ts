/**
 * Append-only typed arrays that grow by doubling. Parsers size them from what has *arrived*, never from
 * what a header announces, so a lying header cannot make us allocate ahead of the data.
 */
export class FloatList {
  private data: Float32Array | Float64Array;
  length = 0;

  constructor(
    private readonly precision: 32 | 64,
    initialCapacity = 1024,
  ) {
    this.data = precision === 32 ? new Float32Array(Math.max(initialCapacity, 16)) : new Float64Array(Math.max(initialCapacity, 16));
  }

  push3(x: number, y: number, z: number): void {
    if (this.length + 3 > this.data.length) this.grow(this.length + 3);
    const d = this.data;
    d[this.length] = x;
    d[this.length + 1] = y;
    d[this.length + 2] = z;
    this.length += 3;
  }

  /** The filled part, without copying. */
  view(): Float32Array | Float64Array {
    return this.data.subarray(0, this.length);
  }

  private grow(needed: number): void {
    const capacity = Math.max(needed, this.data.length * 2);
    const next = this.precision === 32 ? new Float32Array(capacity) : new Float64Array(capacity);
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }
}

export class IndexList {
  private data: Uint32Array;
  length = 0;

  constructor(initialCapacity = 1024) {
    this.data = new Uint32Array(Math.max(initialCapacity, 16));
  }

  push3(a: number, b: number, c: number): void {
    if (this.length + 3 > this.data.length) this.grow(this.length + 3);
    const d = this.data;
    d[this.length] = a;
    d[this.length + 1] = b;
    d[this.length + 2] = c;
    this.length += 3;
  }

  view(): Uint32Array {
    return this.data.subarray(0, this.length);
  }

  private grow(needed: number): void {
    const next = new Uint32Array(Math.max(needed, this.data.length * 2));
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }
}
