/** The institution pages need an institution session; which institution is decided by the server. */
import { Button, Space, Spin, Typography } from 'antd';
import { type ReactNode, useEffect } from 'react';
import { api } from '../../api.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useApi } from '../../hooks.ts';
import { navigate } from '../../router.ts';
import type { InstitutionProfile } from '../../types.ts';

export function InstitutionGuard(props: { children: ReactNode }) {
  const me = useApi<InstitutionProfile>('/api/institution/me');
  useEffect(() => {
    if (me.error?.status === 401)
      navigate(`/institution/login?next=${encodeURIComponent(window.location.pathname)}`, true);
  }, [me.error]);
  if (me.loading && !me.data) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (!me.data) return <ErrorAlert error={me.error} />;
  const logout = async () => {
    await api.post('/api/institution/logout');
    navigate('/institution/login', true);
  };
  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }} wrap>
        <Typography.Text type="secondary" data-testid="institution-banner">
          {me.data.name}（{me.data.institutionCode}）· {me.data.regionName}
        </Typography.Text>
        <Button size="small" onClick={logout}>
          退出登录
        </Button>
      </Space>
      {props.children}
    </>
  );
}
