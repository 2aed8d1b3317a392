/**
 * Masking of personal identifiers (身份证号, 手机号) for logs and for answers that do not need them whole.
 * Keeps enough to let a person recognise their own number: first 6 and last 4 of an ID card, first 3 and
 * last 4 of a phone number.
 */

const ID_CARD_PATTERN = /(?<![0-9A-Za-z])(\d{6})\d{8}(\d{3}[\dXx])(?![0-9A-Za-z])/g;
const PHONE_PATTERN = /(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g;

export function maskIdCard(value: string): string {
  if (value.length <= 10) return '*'.repeat(value.length);
  return `${value.slice(0, 6)}${'*'.repeat(value.length - 10)}${value.slice(-4)}`;
}

export function maskPhone(value: string): string {
  if (value.length < 7) return '*'.repeat(value.length);
  return `${value.slice(0, 3)}****${value.slice(-4)}`;
}

/** Masks every ID-card and mobile number found anywhere in a free text (URLs, messages). */
export function maskIdentifiersInText(text: string): string {
  return text
    .replace(ID_CARD_PATTERN, (_m, head: string, tail: string) => `${head}********${tail}`)
    .replace(PHONE_PATTERN, (_m, head: string, tail: string) => `${head}****${tail}`);
}
