/** 2601 冲正交易. */
import { REVERSIBLE_OPERATIONS, reverseMessage } from '../../service/his/reversal.ts';
import { defineContract } from '../contract.ts';
import { objectNode } from '../input-reader.ts';

export const reverseContract = defineContract({
  infno: '2601',
  nameZh: '冲正交易',
  read: (input) => {
    const data = objectNode(input, 'data');
    return {
      psnNo: data.text('psn_no', '人员编号', 30),
      originalMsgid: data.text('omsgid', '原发送方报文ID', 64),
      originalOperation: data.code('oinfno', '原交易编号', REVERSIBLE_OPERATIONS),
    };
  },
  useCase: reverseMessage,
  // 输出: 无. The outcome is said in plain words for the cashier anyway.
  write: (r) => ({
    result: { rvs_rslt: r.outcome === 'reversed' ? '已冲正' : '原交易未生效或已撤销，无需冲正' },
  }),
});
