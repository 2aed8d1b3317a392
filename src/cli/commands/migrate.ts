/** `yibao migrate`: bring the store's schema up to date (serve does this too on start). */
import type { Command } from 'commander';
import { closeAppContext, openAppContext } from '../../service/context.ts';
import { readConfig, storeOptions } from '../config.ts';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('将数据库结构升级到最新版本')
    .action(async () => {
      const ctx = await openAppContext(storeOptions(readConfig()));
      console.log(`数据库结构已是最新（${ctx.store.dialect}）。`);
      await closeAppContext(ctx);
    });
}
