/**
 * A transaction whose work answers with a Result: a refusal rolls back everything the work wrote
 * before it found the problem, so "one request = one transaction = all or nothing" holds for expected
 * failures too, not only for exceptions.
 */
import type { DomainError, Result } from '../core/errors.ts';
import { err } from '../core/errors.ts';
import { inTransaction, type Tx } from '../store/transaction.ts';
import type { AppContext } from './context.ts';

class Refusal extends Error {
  constructor(readonly error: DomainError) {
    super(error.code);
  }
}

export async function transact<T>(
  ctx: Pick<AppContext, 'store'>,
  work: (tx: Tx) => Promise<Result<T>>,
): Promise<Result<T>> {
  try {
    return await inTransaction(ctx.store.db, async (tx) => {
      const result = await work(tx);
      if (!result.ok) throw new Refusal(result.error);
      return result;
    });
  } catch (error) {
    if (error instanceof Refusal) return err(error.error);
    throw error;
  }
}
