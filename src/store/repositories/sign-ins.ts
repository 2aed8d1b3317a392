/** Institution sign-ins (签到): a sign_no is valid for its institution until signed out. */
import type { Executor } from './executor.ts';

export interface SignIn {
  readonly signNo: string;
  readonly institutionCode: string;
  readonly operatorNo: string;
  readonly signedInAt: string;
  readonly signedOutAt: string | null;
}

export async function insertSignIn(
  db: Executor,
  row: { signNo: string; institutionCode: string; operatorNo: string; mac: string; ip: string; at: string },
): Promise<void> {
  await db
    .insertInto('sign_ins')
    .values({
      sign_no: row.signNo,
      institution_code: row.institutionCode,
      operator_no: row.operatorNo,
      mac: row.mac,
      ip: row.ip,
      signed_in_at: row.at,
      signed_out_at: null,
    })
    .execute();
}

export async function findSignIn(db: Executor, signNo: string): Promise<SignIn | undefined> {
  const row = await db.selectFrom('sign_ins').selectAll().where('sign_no', '=', signNo).executeTakeFirst();
  return row === undefined
    ? undefined
    : {
        signNo: row.sign_no,
        institutionCode: row.institution_code,
        operatorNo: row.operator_no,
        signedInAt: row.signed_in_at,
        signedOutAt: row.signed_out_at,
      };
}

export async function markSignedOut(db: Executor, signNo: string, at: string): Promise<void> {
  await db
    .updateTable('sign_ins')
    .set({ signed_out_at: at })
    .where('sign_no', '=', signNo)
    .where('signed_out_at', 'is', null)
    .execute();
}
