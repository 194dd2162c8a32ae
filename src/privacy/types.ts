export type RedactionKind = 'phone' | 'idNumber' | 'bankCard' | 'email' | 'address';

/** A span [start, end) of the normalised text (the same offsets as the input) to replace. */
export interface Span {
  start: number;
  end: number;
  kind: RedactionKind;
}
