/**
 * A transaction whose work answers with a Result: a refusal rolls back whatever the work wrote before
 * it found the problem, so one request stays all or nothing for expected failures too.
 */
import { type DomainError, err, type Result } from '../../core/errors.ts';
import { inTransaction, type Tx } from '../../store/transaction.ts';
import type { AppContext } from '../context.ts';

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
