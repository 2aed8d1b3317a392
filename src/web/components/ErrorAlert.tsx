import { Alert } from 'antd';
import type { ApiError } from '../api.ts';

/** The server's Chinese message, as it is; it already says what went wrong and how to fix it. */
export function ErrorAlert(props: { error: ApiError | undefined }) {
  if (!props.error) return null;
  return <Alert type="error" showIcon title={props.error.message} style={{ marginBottom: 12 }} />;
}
