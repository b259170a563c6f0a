/**
 * Cuts a byte stream into fixed-size units (plaintext chunks for the encryptor, stored records for the
 * decryptor): a whole unit is handed over straight from the input piece, without a copy; only the
 * bytes of a unit split across pieces are gathered in a one-unit buffer (allocated on first use).
 * `holdFullUnit` (v1): a full unit may be the stream's last one, so it is handed over only once more
 * input shows it is not; at the end it is in `rest()`. Without it (v2), a full unit never is the last.
 */
export class RecordSplitter {
  #buffer: Buffer | undefined;
  #filled = 0;

  constructor(
    readonly unitSize: number,
    readonly holdFullUnit: boolean,
  ) {}

  /** Hands every unit of `piece` that is complete, and known not to be the last, to `onUnit`, in order. */
  push(piece: Buffer, onUnit: (unit: Buffer) => void): void {
    const size = this.unitSize;
    const wholeUnitNeeds = this.holdFullUnit ? size + 1 : size;
    let position = 0;
    while (position < piece.length) {
      const buffer = (this.#buffer ??= Buffer.alloc(size));
      if (this.#filled === size) {
        this.#filled = 0;
        onUnit(buffer);
      }
      while (this.#filled === 0 && piece.length - position >= wholeUnitNeeds) {
        onUnit(piece.subarray(position, position + size));
        position += size;
      }
      const take = Math.min(size - this.#filled, piece.length - position);
      piece.copy(buffer, this.#filled, position, position + take);
      this.#filled += take;
      position += take;
    }
    if (!this.holdFullUnit && this.#filled === size) {
      this.#filled = 0;
      onUnit(this.#buffer!);
    }
  }

  /**
   * What is left at the end of the stream (less than a unit, or with `holdFullUnit` a full one): a view
   * of the buffer, valid until the next `push` or `wipe`.
   */
  rest(): Buffer {
    const rest = this.#buffer?.subarray(0, this.#filled) ?? Buffer.alloc(0);
    this.#filled = 0;
    return rest;
  }

  wipe(): void {
    this.#buffer?.fill(0);
    this.#filled = 0;
  }
}
