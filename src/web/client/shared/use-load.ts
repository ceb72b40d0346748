/**
 * Loading data for a page: `useLoad(() => call(api.GET(...)), [deps])` gives the data, the described
 * error (shown with `<ErrorSummary>`), `reload()` and `loading`. A stale answer (the deps changed
 * meanwhile) is dropped, so a slow first answer never overwrites a newer one.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { describeError, type DescribedError } from './errors';

export interface Loaded<T> {
  data: T | null;
  error: DescribedError | null;
  loading: boolean;
  reload: () => void;
  setData: (data: T) => void;
}

export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<DescribedError | null>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let stale = false;
    setLoading(true);
    setError(null);
    load()
      .then((d) => !stale && setData(d))
      .catch((err: unknown) => !stale && setError(describeError(err)))
      .finally(() => !stale && setLoading(false));
    return () => {
      stale = true;
    };
    // the caller names what the load depends on
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, loading, reload, setData };
}

/**
 * An action's state (a button's form): `run(fn)` clears the last error, keeps `busy` while sending,
 * and stores the described error; resolves to the result or undefined on failure.
 */
export function useAction() {
  const [error, setError] = useState<DescribedError | null>(null);
  const [busy, setBusy] = useState(false);
  const run = useCallback(async <R>(fn: () => Promise<R>): Promise<R | undefined> => {
    setError(null);
    setBusy(true);
    try {
      return await fn();
    } catch (err) {
      setError(describeError(err));
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return { error, setError, busy, run };
}
