/**
 * Starts one PostgreSQL cluster for the whole run (unless YIBAO_TEST_DATABASE_URL names an existing
 * server) and hands its admin URL to the tests; each test file creates its own databases in it.
 */
import type { TestProject } from 'vitest/node';
import { startPostgresCluster } from './postgres-cluster.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const external = process.env.YIBAO_TEST_DATABASE_URL;
  if (external) {
    project.provide('pgAdminUrl', external);
    return () => {};
  }
  const cluster = await startPostgresCluster();
  project.provide('pgAdminUrl', cluster.adminUrl);
  return () => cluster.stop();
}
