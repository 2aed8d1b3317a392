/** 9001 签到 / 9002 签退. */
import { signIn, signOut } from '../../service/his/sign-in.ts';
import { defineContract } from '../contract.ts';
import { objectNode } from '../input-reader.ts';

export const signInContract = defineContract({
  infno: '9001',
  nameZh: '签到',
  requireSignIn: false,
  read: (input) => {
    const node = objectNode(input, 'signIn');
    return {
      operatorNo: node.text('opter_no', '操作员编号', 30),
      mac: node.optionalText('mac', '签到MAC地址', 64) ?? '',
      ip: node.optionalText('ip', '签到IP地址', 64) ?? '',
    };
  },
  useCase: signIn,
  write: (r) => ({ signinoutb: { sign_time: r.signedInAt, sign_no: r.signNo } }),
});

export const signOutContract = defineContract({
  infno: '9002',
  nameZh: '签退',
  requireSignIn: false,
  read: (input) => {
    const node = objectNode(input, 'signOut');
    return {
      signNo: node.text('sign_no', '签到编号', 64),
      operatorNo: node.optionalText('opter_no', '操作员编号', 30) ?? '',
    };
  },
  useCase: signOut,
  write: (r) => ({ signoutoutb: { sign_time: r.signedOutAt } }),
});
