/**
 * The person's pages need a session: ask the server who is logged in (the cookie is HttpOnly), and
 * send a visitor without one to the login page, coming back afterwards.
 */
import { Button, Space, Spin, Typography } from 'antd';
import { createContext, type ReactNode, useContext, useEffect } from 'react';
import { api } from '../../api.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useApi } from '../../hooks.ts';
import { navigate } from '../../router.ts';
import type { PersonProfile } from '../../types.ts';

const PersonContext = createContext<PersonProfile | undefined>(undefined);

export function usePerson(): PersonProfile | undefined {
  return useContext(PersonContext);
}

export function PersonGuard(props: { children: ReactNode }) {
  const me = useApi<PersonProfile>('/api/person/me');
  useEffect(() => {
    if (me.error?.status === 401) {
      navigate(`/me/login?next=${encodeURIComponent(window.location.pathname)}`, true);
    }
  }, [me.error]);
  if (me.loading && !me.data) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (!me.data) return <ErrorAlert error={me.error} />;
  const logout = async () => {
    await api.post('/api/person/logout');
    navigate('/me/login', true);
  };
  return (
    <PersonContext.Provider value={me.data}>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }} wrap>
        <Typography.Text type="secondary" data-testid="person-banner">
          {me.data.name}（{me.data.certificateNoMasked}）· {me.data.insuredRegionName} ·{' '}
          {me.data.insuranceTypeZh}
        </Typography.Text>
        <Button size="small" onClick={logout}>
          退出登录
        </Button>
      </Space>
      {props.children}
    </PersonContext.Provider>
  );
}
