/**
 * `yibao institution credentials <code>`, `yibao institution revoke <accessKey>` and
 * `yibao maintenance on|off`: the national gateway's admin tasks.
 */
import type { Command } from 'commander';
import { closeAppContext, openAppContext } from '../../service/context.ts';
import { issueInstitutionCredentials, setMaintenance } from '../../service/his/gateway.ts';
import { revokeInstitutionCredentials } from '../../service/institution-login.ts';
import { readConfig, storeOptions } from '../config.ts';

export function registerInstitution(program: Command): void {
  const institution = program.command('institution').description('定点医药机构管理');
  institution
    .command('credentials <code>')
    .description('签发机构接口接入凭证（AK/SK）；密钥只显示这一次，请妥善交给机构')
    .action(async (code: string) => {
      const ctx = await openAppContext(storeOptions(readConfig()));
      try {
        const result = await issueInstitutionCredentials(ctx, code, { actor: 'cli' });
        if (!result.ok) {
          console.error(`[${result.error.code}] ${result.error.message}`);
          process.exitCode = 1;
          return;
        }
        console.log(
          `机构 ${code}\n  access key: ${result.value.accessKey}\n  secret key: ${result.value.secretKey}`,
        );
      } finally {
        await closeAppContext(ctx);
      }
    });
  institution
    .command('revoke <accessKey>')
    .description('停用机构接入凭证：该访问密钥不能再签名调用国家接口或登录，已登录的会话随即失效')
    .action(async (accessKey: string) => {
      const ctx = await openAppContext(storeOptions(readConfig()));
      try {
        const result = await revokeInstitutionCredentials(ctx, accessKey, { actor: 'cli' });
        if (!result.ok) {
          console.error(`[${result.error.code}] ${result.error.message}`);
          process.exitCode = 1;
          return;
        }
        console.log(
          result.value.revoked
            ? `接入凭证 ${accessKey} 已停用：不能再签名调用国家接口或登录机构端，已登录的会话已失效。`
            : `接入凭证 ${accessKey} 此前已停用，未作改动。`,
        );
      } finally {
        await closeAppContext(ctx);
      }
    });

  program
    .command('maintenance <state>')
    .description('开启（on）或关闭（off）国家接口停机维护')
    .option('--until <time>', '预计恢复时间，如 “2026-12-01 06:00”')
    .option('--message <text>', '维护说明', '系统升级维护')
    .action(async (state: string, opts: { until?: string; message: string }) => {
      if (state !== 'on' && state !== 'off') {
        console.error('状态只能是 on 或 off。');
        process.exitCode = 2;
        return;
      }
      if (state === 'on' && !opts.until) {
        console.error('开启维护时请用 --until 给出预计恢复时间。');
        process.exitCode = 2;
        return;
      }
      const ctx = await openAppContext(storeOptions(readConfig()));
      try {
        await setMaintenance(ctx, state === 'on' ? { until: opts.until!, message: opts.message } : null, {
          actor: 'cli',
        });
        console.log(state === 'on' ? `已开启维护，预计 ${opts.until} 恢复。` : '已关闭维护。');
      } finally {
        await closeAppContext(ctx);
      }
    });
}
