/**
 * Page hooks: loading a resource (data, loading flag, the error, a reload) and running a submission
 * (busy while it runs, the refusal's Chinese message kept for display).
 */
import { useCallback, useEffect, useState } from 'react';
import { ApiError, api } from './api.ts';

export interface Loaded<T> {
  data: T | undefined;
  loading: boolean;
  error: ApiError | undefined;
  reload: () => void;
}

export function useApi<T>(path: string | null): Loaded<T> {
  const [data, setData] = useState<T>();
  const [loading, setLoading] = useState(path !== null);
  const [error, setError] = useState<ApiError>();
  const [tick, setTick] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: tick forces a reload on purpose.
  useEffect(() => {
    if (path === null) return;
    let live = true;
    setLoading(true);
    api
      .get<T>(path)
      .then((d) => {
        if (!live) return;
        setData(d);
        setError(undefined);
      })
      .catch(
        (e: unknown) => live && setError(e instanceof ApiError ? e : new ApiError(0, 'ERROR', String(e))),
      )
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [path, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, loading, error, reload };
}

export interface Submission {
  /** Runs `work`; a failure is kept as `error` (the server's Chinese message), never thrown. */
  run: (work: () => Promise<void>) => Promise<void>;
  busy: boolean;
  error: string | undefined;
}

export function useSubmission(): Submission {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const run = async (work: () => Promise<void>) => {
    setError(undefined);
    setBusy(true);
    try {
      await work();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return { run, busy, error };
}
