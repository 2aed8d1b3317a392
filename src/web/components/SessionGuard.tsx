/**
 * A page group behind a session (person, agency staff, institution): ask the server who is logged in (the
 * cookie is HttpOnly), send a visitor without a session to the group's login page, coming back afterwards,
 * and show who is logged in, with a logout button, above the pages. What differs by role is in the props.
 */
import { Button, Space, Spin, Typography } from 'antd';
import { type ReactNode, useEffect } from 'react';
import { api } from '../api.ts';
import { useApi } from '../hooks.ts';
import { navigate } from '../router.ts';
import { ErrorAlert } from './ErrorAlert.tsx';

export interface SessionGuardProps<P> {
  /** The session's API prefix (`/api/agency`): `…/me` answers the profile, `…/logout` ends the session. */
  readonly apiPrefix: string;
  readonly loginPath: string;
  readonly bannerTestId: string;
  /** Who is logged in, in the words of the role. */
  readonly banner: (profile: P) => ReactNode;
  /** The pages, given the logged-in profile. */
  readonly children: (profile: P) => ReactNode;
}

export function SessionGuard<P>(props: SessionGuardProps<P>) {
  const { apiPrefix, loginPath } = props;
  const me = useApi<P>(`${apiPrefix}/me`);
  useEffect(() => {
    if (me.error?.status === 401)
      navigate(`${loginPath}?next=${encodeURIComponent(window.location.pathname)}`, true);
  }, [me.error, loginPath]);
  if (me.loading && !me.data) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (!me.data) return <ErrorAlert error={me.error} />;
  const logout = async () => {
    await api.post(`${apiPrefix}/logout`);
    navigate(loginPath, true);
  };
  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }} wrap>
        <Typography.Text type="secondary" data-testid={props.bannerTestId}>
          {props.banner(me.data)}
        </Typography.Text>
        <Button size="small" onClick={logout}>
          退出登录
        </Button>
      </Space>
      {props.children(me.data)}
    </>
  );
}
