/** One dated value of a parameter, as a rule used it (the trace cites it). */
export interface ParamValue {
  key: string;
  valueId: string;
  effectiveFrom: string;
  value: unknown;
  source: string;
}

/**
 * The values of every parameter as they stood on one date (the date of the fact that matters). A rule asks for the
 * values it needs; each one read is remembered, so the claim line can pin the exact rows used (rule version).
 */
export class ParameterSet {
  private readonly used = new Map<string, ParamValue>();

  constructor(
    readonly onDate: string,
    private readonly values: ReadonlyMap<string, ParamValue>,
  ) {}

  /** The value in force on `onDate`, or null when there is none (never set, or ended by a null value). */
  find(key: string): ParamValue | null {
    const v = this.values.get(key) ?? null;
    if (v) this.used.set(key, v);
    return v && v.value !== null ? v : null;
  }

  num(key: string): ParamValue & { value: number } {
    const v = this.find(key);
    if (!v || typeof v.value !== 'number') throw new MissingParameter(key, this.onDate);
    return v as ParamValue & { value: number };
  }

  /** A fresh set over the same values (its own record of what was used). */
  fork(): ParameterSet {
    return new ParameterSet(this.onDate, this.values);
  }

  usedValues(): ParamValue[] {
    return [...this.used.values()].sort((a, b) => a.key.localeCompare(b.key));
  }
}

/** A rule needs a parameter that has no value on the fact's date: the line is not eligible, and the trace says why. */
export class MissingParameter extends Error {
  constructor(
    readonly key: string,
    readonly onDate: string,
  ) {
    super(`subsidy parameter ${key} has no value on ${onDate}`);
  }
}
