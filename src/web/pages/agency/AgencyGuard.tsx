/** The console needs a staff session; the region shown is the account's, enforced by the server. */
import { Button, Space, Spin, Typography } from 'antd';
import { type ReactNode, useEffect } from 'react';
import { api } from '../../api.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useApi } from '../../hooks.ts';
import { navigate } from '../../router.ts';
import type { StaffProfile } from '../../types.ts';

export function AgencyGuard(props: { children: ReactNode }) {
  const me = useApi<StaffProfile>('/api/agency/me');
  useEffect(() => {
    if (me.error?.status === 401)
      navigate(`/agency/login?next=${encodeURIComponent(window.location.pathname)}`, true);
  }, [me.error]);
  if (me.loading && !me.data) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (!me.data) return <ErrorAlert error={me.error} />;
  const logout = async () => {
    await api.post('/api/agency/logout');
    navigate('/agency/login', true);
  };
  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }} wrap>
        <Typography.Text type="secondary" data-testid="staff-banner">
          {me.data.regionName}医保经办 · {me.data.name}
        </Typography.Text>
        <Button size="small" onClick={logout}>
          退出登录
        </Button>
      </Space>
      {props.children}
    </>
  );
}
