/** What a repository function runs its statements on: the database or an open transaction. */
import type { Kysely } from 'kysely';
import type { DB } from '../schema.ts';

export type Executor = Kysely<DB>;
