/** 签到 / 签退 (9001/9002): an operator of the institution opens and closes a session (sign_no). */
import { domainError, err, ok } from '../../core/errors.ts';
import { findSignIn, insertSignIn, markSignedOut } from '../../store/repositories/sign-ins.ts';
import { hisErrors } from './errors.ts';
import { issueSignNo } from './ids.ts';
import type { HisUseCase } from './message.ts';

export interface SignInCommand {
  readonly operatorNo: string;
  readonly mac: string;
  readonly ip: string;
}

export interface SignInResult {
  readonly signNo: string;
  readonly signedInAt: string;
}

export const signIn: HisUseCase<SignInCommand, SignInResult> = async (env, command) => {
  const signNo = issueSignNo();
  await insertSignIn(env.tx, {
    signNo,
    institutionCode: env.institution.code,
    operatorNo: command.operatorNo,
    mac: command.mac,
    ip: command.ip,
    at: env.now.dateTime,
  });
  return ok({ signNo, signedInAt: env.now.dateTime });
};

export interface SignOutCommand {
  readonly signNo: string;
  readonly operatorNo: string;
}

export const signOut: HisUseCase<SignOutCommand, { signedOutAt: string }> = async (env, command) => {
  const found = await findSignIn(env.tx, command.signNo);
  if (found === undefined || found.institutionCode !== env.institution.code) {
    return err(hisErrors.signInInvalid(command.signNo));
  }
  if (found.signedOutAt !== null) {
    return err(
      domainError(
        'SIGN_IN_ENDED',
        `签到编号 “${command.signNo}” 已于 ${found.signedOutAt} 签退，无需重复签退。`,
        {
          field: 'signNo',
        },
      ),
    );
  }
  await markSignedOut(env.tx, command.signNo, env.now.dateTime);
  return ok({ signedOutAt: env.now.dateTime });
};
