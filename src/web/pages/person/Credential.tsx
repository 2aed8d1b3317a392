/**
 * 我的医保码 — a signed token valid for 2 minutes, drawn as a QR code and replaced every minute, so a
 * screenshot stops working soon after it is taken.
 */
import { Alert, Button, Card, Typography } from 'antd';
import QRCode from 'qrcode';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, api } from '../../api.ts';
import { usePerson } from './PersonGuard.tsx';

interface Token {
  token: string;
  expiresAt: string;
  refreshAfterMs: number;
}

export function Credential() {
  const person = usePerson();
  const [image, setImage] = useState<string>();
  const [token, setToken] = useState<Token>();
  const [error, setError] = useState<string>();
  const [secondsLeft, setSecondsLeft] = useState(0);

  const refresh = useCallback(async () => {
    try {
      const t = await api.get<Token>('/api/person/e-credential');
      setToken(t);
      setImage(await QRCode.toDataURL(t.token, { errorCorrectionLevel: 'M', margin: 1, width: 480 }));
      setError(undefined);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);
  useEffect(() => {
    if (!token) return;
    const t = setTimeout(() => void refresh(), token.refreshAfterMs);
    return () => clearTimeout(t);
  }, [token, refresh]);
  useEffect(() => {
    const tick = () =>
      setSecondsLeft(token ? Math.max(0, Math.round((Date.parse(token.expiresAt) - Date.now()) / 1000)) : 0);
    tick();
    const t = setInterval(tick, 1000);
    return () => clearInterval(t);
  }, [token]);

  return (
    <Card title="我的医保码（医保电子凭证）" style={{ maxWidth: 420, margin: '0 auto' }}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <div className="qr-box">
        {image ? <img src={image} alt="医保码" data-testid="qr" /> : <div style={{ height: 240 }} />}
        <Typography.Text strong>{person?.name}</Typography.Text>
        <Typography.Text type="secondary">
          {secondsLeft > 0 ? `${secondsLeft} 秒后失效，每分钟自动刷新` : '正在刷新…'}
        </Typography.Text>
        <Button onClick={() => void refresh()}>立即刷新</Button>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          就医购药时出示给医院或药店扫码（凭证类型 01）。医保码仅 2 分钟内有效，请勿截图转发。
        </Typography.Paragraph>
      </div>
    </Card>
  );
}
