/** `yibao seed`: load the demo data set into an empty store (what `npm start` does on first start). */
import type { Command } from 'commander';
import { closeAppContext, openAppContext } from '../../service/context.ts';
import { setUpDemo } from '../../service/demo-setup.ts';
import { readConfig, storeOptions } from '../config.ts';

export function registerSeed(program: Command): void {
  program
    .command('seed')
    .description('向空库载入演示数据（已载入过则不重复载入）')
    .action(async () => {
      const ctx = await openAppContext(storeOptions(readConfig()));
      try {
        const { reference: result, staffAccounts, institutionCredentials, activity } = await setUpDemo(ctx);
        if (staffAccounts.length > 0)
          console.log(`  演示经办账号：${staffAccounts.join('、')}（密码见 README）`);
        if (institutionCredentials.length > 0)
          console.log(
            `  演示机构接入凭证：${institutionCredentials.join('、')}（访问密钥 demo<机构编号>，密钥 demo-sk-<机构编号>）`,
          );
        if (activity.seeded) {
          console.log(
            `  演示业务：${activity.visits} 次就诊，${activity.settlements} 笔结算，${activity.reversals} 笔撤销，${activity.refused} 次异地未备案被拒（${activity.elapsedMs} ms）`,
          );
        }
        if (!result.seeded) {
          console.log('演示数据此前已载入（或库中已有数据），未重复载入。');
          return;
        }
        for (const summary of result.imports) console.log(`  ${summary.kind}: ${summary.rows} 行`);
        console.log('演示数据载入完成。');
      } finally {
        await closeAppContext(ctx);
      }
    });
}
