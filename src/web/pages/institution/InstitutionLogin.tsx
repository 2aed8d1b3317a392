/** 定点医药机构登录 — the gateway key pair the agency issued (访问密钥 + 密钥). */
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../../api.ts';
import { navigate, queryParam } from '../../router.ts';

export function InstitutionLogin() {
  const [error, setError] = useState<string>();
  const login = async (v: { accessKey: string; secretKey: string }) => {
    setError(undefined);
    try {
      await api.post('/api/institution/login', v);
      const next = queryParam('next');
      navigate(next?.startsWith('/institution/') ? next : '/institution/reconciliation', true);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };
  return (
    <Card title="定点医药机构登录" style={{ maxWidth: 420, margin: '24px auto' }}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form layout="vertical" onFinish={login}>
        <Form.Item
          name="accessKey"
          label="访问密钥（Access Key）"
          rules={[{ required: true, message: '请输入访问密钥' }]}
        >
          <Input id="accessKey" autoComplete="username" />
        </Form.Item>
        <Form.Item
          name="secretKey"
          label="密钥（Secret Key）"
          rules={[{ required: true, message: '请输入密钥' }]}
        >
          <Input.Password id="secretKey" autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block data-testid="institution-login">
          登录
        </Button>
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        使用医保经办机构签发给本机构的接入凭证（与国家接口网关签名所用相同）。凭证停用后无法登录。
      </Typography.Paragraph>
    </Card>
  );
}
