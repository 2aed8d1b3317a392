/** Settings from the environment, read once at the edge (never inside service or core). */
export interface CliConfig {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): CliConfig {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT 必须是 0–65535 之间的整数，当前为 ${env.PORT}`);
  }
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    dataDir: env.YIBAO_DATA_DIR ?? './data',
    databaseUrl: env.DATABASE_URL || undefined,
  };
}

export function storeOptions(config: CliConfig): { databaseUrl?: string; dataDir: string } {
  return config.databaseUrl
    ? { databaseUrl: config.databaseUrl, dataDir: config.dataDir }
    : { dataDir: config.dataDir };
}
