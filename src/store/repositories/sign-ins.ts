/** Institution sign-ins (签到): a sign_no is valid for its institution until signed out. */
import type { Institution } from '../../core/reference/types.ts';
import type { Executor } from './executor.ts';
import { toInstitution } from './reference-reads.ts';

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

/**
 * The institution and the sign-in a business message names, in one read (every HIS message checks
 * both): undefined when the institution is unknown; `signIn` undefined when the sign_no is unknown.
 */
export async function findInstitutionAndSignIn(
  db: Executor,
  institutionCode: string,
  signNo: string,
): Promise<
  | { institution: Institution; signIn: Pick<SignIn, 'institutionCode' | 'signedOutAt'> | undefined }
  | undefined
> {
  const row = await db
    .selectFrom('institutions')
    .leftJoin('sign_ins', (join) => join.on('sign_ins.sign_no', '=', signNo))
    .selectAll('institutions')
    .select([
      'sign_ins.institution_code as sign_in_institution_code',
      'sign_ins.signed_out_at as sign_in_signed_out_at',
    ])
    .where('institutions.code', '=', institutionCode)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  const {
    sign_in_institution_code: signInInstitution,
    sign_in_signed_out_at: signedOutAt,
    ...institution
  } = row;
  return {
    institution: toInstitution(institution),
    signIn:
      signInInstitution === null
        ? undefined
        : { institutionCode: signInInstitution, signedOutAt: signedOutAt ?? null },
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
