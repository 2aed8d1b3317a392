/** `yibao serve`: open the store (migrating it), optionally load the demo data, listen, shut down gracefully. */
import { join } from 'node:path';
import type { Command } from 'commander';
import { build } from '../../http/server.ts';
import { seedChronicCatalogIfEmpty } from '../../service/chronic/index.ts';
import { logFileSmsSender, startSmsDelivery } from '../../service/chronic/sms.ts';
import { closeAppContext, openAppContext } from '../../service/context.ts';
import { setUpDemo } from '../../service/demo-setup.ts';
import { resolveAdminToken } from '../admin-token.ts';
import { readConfig, storeOptions } from '../config.ts';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('启动 yibao 服务（HTTP 接口、国家标准接口与网页）')
    .option('--port <port>', '监听端口（默认取环境变量 PORT，否则 8080）')
    .option('--seed-demo', '存储为空时载入演示数据')
    .action(async (opts: { port?: string; seedDemo?: boolean }) => {
      const config = readConfig(opts.port ? { ...process.env, PORT: opts.port } : process.env);
      const ctx = await openAppContext(storeOptions(config));
      // The national chronic-disease catalog is reference data every deployment needs, demo or not.
      await seedChronicCatalogIfEmpty(ctx.store);
      if (opts.seedDemo) {
        await setUpDemo(ctx);
      }
      const app = await build(ctx, { adminToken: resolveAdminToken(config.dataDir) });
      const stopSmsDelivery = startSmsDelivery(
        ctx,
        logFileSmsSender(join(config.dataDir, 'runtime', 'sms.log')),
      );
      let closing = false;
      const shutdown = async (signal: string) => {
        if (closing) return;
        closing = true;
        app.log.info({ signal }, 'shutting down');
        await app.close();
        await stopSmsDelivery();
        await closeAppContext(ctx);
        process.exit(0);
      };
      process.on('SIGTERM', () => void shutdown('SIGTERM'));
      process.on('SIGINT', () => void shutdown('SIGINT'));
      const address = await app.listen({ port: config.port, host: config.host });
      app.log.info({ address, store: ctx.store.dialect }, 'yibao is listening');
    });
}
