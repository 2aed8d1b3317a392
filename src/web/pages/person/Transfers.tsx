/**
 * 关系转移接续（R-T1）— apply online (no insurance certificate or contact letter is asked for), follow
 * each step with the deadline and working days left, and withdraw while it is still open. The steps and
 * their wording come from the server (core/transfer progress); this page lays them out.
 */
import {
  Alert,
  Button,
  Card,
  Col,
  Empty,
  Form,
  Popconfirm,
  Row,
  Select,
  Space,
  Steps,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../../api.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { RegionSelect } from '../../components/RegionSelect.tsx';
import { useApi } from '../../hooks.ts';
import type { Region } from '../../types.ts';
import { chinaTime, daysLeftText } from './case-kit.ts';
import { usePerson } from './PersonGuard.tsx';

interface Progress {
  transferId: string;
  status: 'applied' | 'out_confirmed' | 'completed' | 'rejected' | 'withdrawn';
  statusZh: string;
  fromRegionCode: string;
  toRegionCode: string;
  steps: { step: string; labelZh: string; done: boolean; at: string | null; detailZh: string | null }[];
  clock: {
    deadlineDate: string;
    workingDaysLeft: number;
    overdue: boolean;
    atRisk: boolean;
    atRiskReasonZh: string | null;
  };
  closedReason: string | null;
}

const OPEN = new Set(['applied', 'out_confirmed']);
const STATUS_COLOR: Record<string, string> = {
  applied: 'blue',
  out_confirmed: 'processing',
  completed: 'green',
  rejected: 'red',
  withdrawn: 'default',
};
const INSURANCE = [
  { value: '', label: '不变（沿用当前险种）' },
  { value: '310', label: '职工基本医疗保险' },
  { value: '390', label: '城乡居民基本医疗保险' },
];

export function MyTransfers() {
  const person = usePerson();
  const mine = useApi<{ items: Progress[] }>('/api/transfers');
  const regions = useApi<{ items: Region[] }>('/api/public/regions');
  const [toRegionCode, setToRegionCode] = useState<string>();
  const [toInsuranceType, setToInsuranceType] = useState('');
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [busy, setBusy] = useState<string>();

  const regionName = (code: string) => {
    const r = (regions.data?.items ?? []).find((x) => x.code === code);
    return r ? `${r.name}（${code}）` : code;
  };
  const hasOpen = (mine.data?.items ?? []).some((t) => OPEN.has(t.status));

  const run = async (key: string, work: () => Promise<string>) => {
    setError(undefined);
    setNotice(undefined);
    setBusy(key);
    try {
      setNotice(await work());
      mine.reload();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(undefined);
    }
  };

  const apply = () =>
    run('apply', async () => {
      if (!toRegionCode) throw new ApiError(400, 'VALIDATION_FAILED', '请选择转入地。');
      const t = await api.post<{ transferId: string; deadlineDate: string }>('/api/transfers', {
        toRegionCode,
        ...(toInsuranceType ? { toInsuranceType } : {}),
      });
      return `转移申请已提交（编号 ${t.transferId}），由转出地确认、转入地接收，最迟 ${t.deadlineDate} 前办结。`;
    });

  const withdraw = (id: string) =>
    run(`withdraw-${id}`, async () => {
      await api.post(`/api/transfers/${encodeURIComponent(id)}/withdraw`, {});
      return '转移申请已撤回。';
    });

  return (
    <>
      <PageTitle>医保关系转移接续</PageTitle>
      <Card title="线上申请" style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary">
          {`当前参保地：${person?.insuredRegionName ?? ''}。线上申请无需提供参保凭证和联系函，转出地、转入地经办机构在 15 个工作日内办结；完成后个人账户余额和门慢特资格随之转移。`}
        </Typography.Paragraph>
        <Form layout="vertical" onFinish={apply}>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item label="转入地" required>
                <RegionSelect
                  id="transfer-region"
                  value={toRegionCode}
                  onChange={setToRegionCode}
                  placeholder="选择新的参保地"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label="转入后险种">
                <Select value={toInsuranceType} onChange={setToInsuranceType} options={INSURANCE} />
              </Form.Item>
            </Col>
          </Row>
          <Button
            type="primary"
            htmlType="submit"
            loading={busy === 'apply'}
            disabled={hasOpen}
            data-testid="submit-transfer"
          >
            提交申请
          </Button>
          {hasOpen && (
            <Typography.Text type="secondary" style={{ marginLeft: 12 }}>
              已有办理中的申请，可在下方查看进度
            </Typography.Text>
          )}
        </Form>
      </Card>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      {notice && (
        <Alert
          data-testid="transfer-notice"
          type="success"
          showIcon
          title={notice}
          style={{ marginBottom: 16 }}
        />
      )}
      <ErrorAlert error={mine.error} />
      <Typography.Title level={5}>办理进度</Typography.Title>
      {!mine.loading && (mine.data?.items ?? []).length === 0 && <Empty description="暂无转移申请" />}
      {(mine.data?.items ?? []).map((t) => {
        const current = t.steps.findIndex((s) => !s.done);
        const closed = !OPEN.has(t.status) && t.status !== 'completed';
        return (
          <Card
            key={t.transferId}
            size="small"
            style={{ marginBottom: 16 }}
            data-testid="transfer-card"
            title={
              <Space wrap>
                <span>
                  {regionName(t.fromRegionCode)} → {regionName(t.toRegionCode)}
                </span>
                <Tag color={STATUS_COLOR[t.status]}>{t.statusZh}</Tag>
              </Space>
            }
          >
            <Space wrap style={{ marginBottom: 12 }}>
              <span>编号 {t.transferId}</span>
              <span>办结期限 {t.clock.deadlineDate}</span>
              {OPEN.has(t.status) && (
                <Tag color={t.clock.overdue ? 'red' : t.clock.atRisk ? 'orange' : 'blue'}>
                  {daysLeftText(t.clock)}
                </Tag>
              )}
              {OPEN.has(t.status) && t.clock.atRiskReasonZh && (
                <Typography.Text type="warning">{t.clock.atRiskReasonZh}</Typography.Text>
              )}
            </Space>
            {t.closedReason && (
              <Alert
                type={closed ? 'warning' : 'info'}
                showIcon
                title={t.closedReason}
                style={{ marginBottom: 12 }}
              />
            )}
            <Steps
              orientation="vertical"
              size="small"
              current={current < 0 ? t.steps.length : current}
              status={closed ? 'error' : undefined}
              items={t.steps.map((s) => ({
                title: s.labelZh,
                status: s.done ? 'finish' : undefined,
                content: [s.at ? chinaTime(s.at) : s.done ? '' : '待办理', s.detailZh ?? '']
                  .filter(Boolean)
                  .join(' · '),
              }))}
            />
            {OPEN.has(t.status) && (
              <Popconfirm
                title="确定撤回这份转移申请？"
                okText="撤回"
                cancelText="取消"
                onConfirm={() => withdraw(t.transferId)}
              >
                <Button danger loading={busy === `withdraw-${t.transferId}`} data-testid="withdraw-transfer">
                  撤回申请
                </Button>
              </Popconfirm>
            )}
          </Card>
        );
      })}
    </>
  );
}
