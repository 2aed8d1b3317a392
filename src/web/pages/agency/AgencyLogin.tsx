/** 经办人员登录. */
import { Alert, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../../api.ts';
import { navigate, queryParam } from '../../router.ts';

export function AgencyLogin() {
  const [error, setError] = useState<string>();
  const login = async (v: { username: string; password: string }) => {
    setError(undefined);
    try {
      await api.post('/api/agency/login', v);
      const next = queryParam('next');
      navigate(next?.startsWith('/agency/') ? next : '/agency/queue', true);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };
  return (
    <Card title="经办人员登录" style={{ maxWidth: 400, margin: '24px auto' }}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form layout="vertical" onFinish={login}>
        <Form.Item name="username" label="用户名" rules={[{ required: true, message: '请输入用户名' }]}>
          <Input id="username" autoComplete="username" />
        </Form.Item>
        <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
          <Input.Password id="password" autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block data-testid="staff-login">
          登录
        </Button>
      </Form>
    </Card>
  );
}
