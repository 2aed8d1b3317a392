/** The `yibao` command line. Each subcommand lives in src/cli/commands/ and calls services only. */
import { Command } from 'commander';
import { registerCalendar } from './commands/calendar.ts';
import { registerChronic } from './commands/chronic.ts';
import { registerClearing } from './commands/clearing.ts';
import { registerImport } from './commands/import.ts';
import { registerInstitution } from './commands/institution.ts';
import { registerMigrate } from './commands/migrate.ts';
import { registerSeed } from './commands/seed.ts';
import { registerServe } from './commands/serve.ts';
import { registerSettle } from './commands/settle.ts';
import { registerVerify } from './commands/verify.ts';

const program = new Command();
program.name('yibao').description('yibao 医保服务平台').showHelpAfterError();
registerServe(program);
registerMigrate(program);
registerImport(program);
registerSeed(program);
registerSettle(program);
registerCalendar(program);
registerChronic(program);
registerClearing(program);
registerVerify(program);
registerInstitution(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
