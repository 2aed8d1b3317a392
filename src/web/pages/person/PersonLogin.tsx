/** 参保人登录 — certificate number, then the 6-digit code from the SMS. */
import { Alert, App, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError, api, query } from '../../api.ts';
import { useApi } from '../../hooks.ts';
import { navigate, queryParam } from '../../router.ts';

export function PersonLogin() {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ certificateNo: string; code: string }>();
  const [sending, setSending] = useState(false);
  const [cooldown, setCooldown] = useState(0);
  const [error, setError] = useState<string>();
  const [demoSms, setDemoSms] = useState<string>();
  const options = useApi<{ demoSmsEcho: boolean }>('/api/person/login-options');

  useEffect(() => {
    if (cooldown <= 0) return;
    const t = setTimeout(() => setCooldown((c) => c - 1), 1000);
    return () => clearTimeout(t);
  }, [cooldown]);

  const sendCode = async () => {
    setError(undefined);
    const certificateNo = (await form.validateFields(['certificateNo'])).certificateNo;
    setSending(true);
    try {
      const res = await api.post<{ message: string }>('/api/person/login-code', { certificateNo });
      message.success(res.message);
      setCooldown(60);
      if (options.data?.demoSmsEcho) {
        const sms = await api
          .get<{ text: string }>(`/api/demo/sms${query({ certificateNo })}`)
          .catch(() => undefined);
        setDemoSms(sms?.text);
      }
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setSending(false);
    }
  };

  const login = async (v: { certificateNo: string; code: string }) => {
    setError(undefined);
    try {
      await api.post('/api/person/login', v);
      const next = queryParam('next');
      navigate(next?.startsWith('/me/') ? next : '/me/settlements', true);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };

  return (
    <Card title="参保人登录" style={{ maxWidth: 440, margin: '24px auto' }}>
      <Typography.Paragraph type="secondary">
        使用本人证件号码登录，验证码将发送到参保登记的手机号。
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={login}>
        <Form.Item
          name="certificateNo"
          label="证件号码"
          rules={[{ required: true, message: '请输入证件号码' }]}
        >
          <Input id="certificateNo" autoComplete="username" placeholder="身份证号码" maxLength={32} />
        </Form.Item>
        <Form.Item label="短信验证码" required>
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item name="code" noStyle rules={[{ required: true, message: '请输入 6 位验证码' }]}>
              <Input
                id="code"
                inputMode="numeric"
                autoComplete="one-time-code"
                placeholder="6 位数字"
                maxLength={6}
              />
            </Form.Item>
            <Button onClick={sendCode} loading={sending} disabled={cooldown > 0} data-testid="send-code">
              {cooldown > 0 ? `${cooldown} 秒后重发` : '获取验证码'}
            </Button>
          </Space.Compact>
        </Form.Item>
        {options.data?.demoSmsEcho && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            title="演示环境：没有真实短信网关，短信内容显示在这里"
            description={demoSms ?? '点击“获取验证码”后显示。'}
          />
        )}
        <Button type="primary" htmlType="submit" block data-testid="login">
          登录
        </Button>
      </Form>
    </Card>
  );
}
