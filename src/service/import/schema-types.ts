/**
 * Building blocks of the row schemas. Each property carries its Chinese label in `title`: the
 * validator uses it to name the field in messages, and the published JSON Schemas show it to people.
 * Enums and nullable values are written as plain JSON Schema (`enum`, `type: [..., 'null']`) rather
 * than unions, so that ajv reports one clear error per field instead of one per union branch.
 */
import { type TSchema, type TUnsafe, Type } from '@sinclair/typebox';

export interface FieldDoc {
  readonly title: string;
  readonly description?: string;
}

export function text(
  doc: FieldDoc,
  options: { minLength?: number; maxLength?: number; pattern?: string } = {},
) {
  return Type.String({ minLength: 1, maxLength: 200, ...options, ...doc });
}

export function nullableText(doc: FieldDoc, options: { maxLength?: number; pattern?: string } = {}) {
  return Type.Unsafe<string | null>({ type: ['string', 'null'], maxLength: 200, ...options, ...doc });
}

export function stringEnum<const T extends readonly string[]>(values: T, doc: FieldDoc): TUnsafe<T[number]> {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...doc });
}

export function regionCode(doc: FieldDoc) {
  return Type.String({ pattern: '^[0-9]{6}$', ...doc });
}

/** ISO calendar date; the `date` format (ajv-formats) also rejects 2024-02-30. */
export function isoDate(doc: FieldDoc) {
  return Type.String({ format: 'date', ...doc });
}

export function nullableIsoDate(doc: FieldDoc) {
  return Type.Unsafe<string | null>({ type: ['string', 'null'], format: 'date', ...doc });
}

/** Yuan amount as text ('12.30') or JSON number; parsed exactly into fen by core/money. */
export function yuan(doc: FieldDoc) {
  return Type.Unsafe<string | number>({ type: ['string', 'number'], ...doc });
}

export function nullableYuan(doc: FieldDoc) {
  return Type.Unsafe<string | number | null>({ type: ['string', 'number', 'null'], ...doc });
}

/** Decimal ratio 0..1 with up to four places ('0.1' = 10 %), parsed into basis points by core/money. */
export function ratio(doc: FieldDoc) {
  return Type.Unsafe<string | number>({ type: ['string', 'number'], ...doc });
}

export function flag(doc: FieldDoc) {
  return Type.Boolean(doc);
}

export function row<P extends Record<string, TSchema>>(title: string, properties: P) {
  return Type.Object(properties, { additionalProperties: false, title });
}
