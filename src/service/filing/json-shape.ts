/** Shape checks for JSON documents an administrator imports (policies, lists). */
export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
