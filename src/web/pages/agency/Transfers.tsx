/**
 * 关系转移接续 (R-T1) — transfers waiting on this region: the outgoing side confirms, the incoming side
 * accepts (which completes the transfer: relation, account balance and chronic qualifications move),
 * either may send it back with a reason. Progress of a transfer opens in a drawer, step by step.
 */
import { Button, Drawer, Empty, Space, Steps, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useApi } from '../../hooks.ts';
import type { Region } from '../../types.ts';
import {
  type TextPrompt,
  TextPromptModal,
  time,
  useDecision,
  usePhone,
  workingDaysTag,
} from './case-kit.tsx';

interface TransferItem {
  caseId: string;
  personName: string;
  awaiting: 'outgoing_confirmation' | 'incoming_acceptance';
  statusZh: string;
  fromRegionCode: string;
  toRegionCode: string;
  submittedAt: string;
  deadlineDate: string;
  workingDaysLeft: number;
  overdue: boolean;
  atRisk: boolean;
  atRiskReasonZh: string | null;
}

interface Progress {
  transferId: string;
  statusZh: string;
  steps: { step: string; labelZh: string; done: boolean; at: string | null; detailZh: string | null }[];
  clock: { deadlineDate: string; workingDaysLeft: number; overdue: boolean; atRiskReasonZh: string | null };
  closedReason: string | null;
}

const enc = encodeURIComponent;

function ProgressDrawer(props: { id: string | undefined; onClose: () => void }) {
  const progress = useApi<Progress>(props.id ? `/api/transfers/${enc(props.id)}` : null);
  const p = progress.data;
  return (
    <Drawer
      title="办理进度"
      open={props.id !== undefined}
      onClose={props.onClose}
      size="min(480px, 100vw)"
      destroyOnHidden
    >
      <ErrorAlert error={progress.error} />
      {p && (
        <>
          <Typography.Paragraph>
            {p.transferId} · {p.statusZh} · 办结期限 {p.clock.deadlineDate}
          </Typography.Paragraph>
          <Steps
            orientation="vertical"
            size="small"
            current={p.steps.filter((s) => s.done).length}
            items={p.steps.map((s) => ({
              title: s.labelZh,
              status: s.done ? 'finish' : 'wait',
              content: [s.at ? time(s.at) : '', s.detailZh ?? ''].filter(Boolean).join(' · '),
            }))}
          />
        </>
      )}
    </Drawer>
  );
}

export function Transfers() {
  const list = useApi<{ items: TransferItem[] }>('/api/agency/transfers/queue');
  const regions = useApi<{ items: Region[] }>('/api/public/regions');
  const [prompt, setPrompt] = useState<TextPrompt>();
  const [viewing, setViewing] = useState<string>();
  const phone = usePhone();
  const { run, busy } = useDecision(list.reload);
  const regionName = useMemo(() => {
    const names = new Map((regions.data?.items ?? []).map((r) => [r.code, r.name]));
    return (code: string) => names.get(code) ?? code;
  }, [regions.data]);
  const path = (t: TransferItem, move: string) => `/api/agency/transfers/${enc(t.caseId)}/${move}`;
  const decide = (t: TransferItem) => {
    const out = t.awaiting === 'outgoing_confirmation';
    const label = out ? '确认转出' : '接收转入';
    setPrompt({
      title: `${label} · ${t.personName}`,
      okText: label,
      required: false,
      placeholder: '备注（可选）',
      onOk: (note) =>
        run(path(t, out ? 'confirm-out' : 'accept-in'), note ? { note } : {}, `已${label}：${t.personName}`),
    });
  };
  return (
    <>
      <PageTitle>关系转移接续</PageTitle>
      <TextPromptModal prompt={prompt} onClose={() => setPrompt(undefined)} />
      <ProgressDrawer id={viewing} onClose={() => setViewing(undefined)} />
      <Typography.Paragraph type="secondary">
        转出地确认、转入地接收，自申请之日起 15
        个工作日内办结；无需参保凭证和联系函。接收后参保关系、个人账户余额和门慢特资格随转。
      </Typography.Paragraph>
      <ErrorAlert error={list.error} />
      <Table<TransferItem>
        rowKey="caseId"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 900 }}
        locale={{ emptyText: <Empty description="暂无待办理的关系转移" /> }}
        columns={[
          { title: '申请人', dataIndex: 'personName', width: 90 },
          {
            title: '转移',
            key: 'route',
            width: 160,
            render: (_, t) => (
              <span>
                {regionName(t.fromRegionCode)} → {regionName(t.toRegionCode)}
              </span>
            ),
          },
          {
            title: '待本地办理',
            dataIndex: 'awaiting',
            width: 110,
            render: (a: TransferItem['awaiting']) =>
              a === 'outgoing_confirmation' ? (
                <Tag color="blue">转出确认</Tag>
              ) : (
                <Tag color="purple">转入接收</Tag>
              ),
          },
          { title: '状态', dataIndex: 'statusZh', width: 110 },
          { title: '申请时间', dataIndex: 'submittedAt', width: 140, render: (v: string) => time(v) },
          {
            title: '办结期限',
            key: 'deadline',
            width: 170,
            render: (_, t) => (
              <Space orientation="vertical" size={0}>
                <span>{t.deadlineDate}</span>
                {workingDaysTag(t.workingDaysLeft, t.overdue)}
                {t.atRisk && t.atRiskReasonZh && (
                  <Typography.Text type="warning">{t.atRiskReasonZh}</Typography.Text>
                )}
              </Space>
            ),
          },
          {
            title: '办理',
            key: 'act',
            width: phone ? 96 : 220,
            fixed: phone ? 'right' : undefined,
            render: (_, t) => (
              <Space size={4} wrap orientation={phone ? 'vertical' : 'horizontal'}>
                <Button
                  size="small"
                  type="primary"
                  disabled={busy}
                  onClick={() => decide(t)}
                  data-testid={`transfer-decide-${t.caseId}`}
                >
                  {t.awaiting === 'outgoing_confirmation' ? '确认转出' : '接收转入'}
                </Button>
                <Button
                  size="small"
                  danger
                  disabled={busy}
                  onClick={() =>
                    setPrompt({
                      title: `退回 · ${t.personName}`,
                      okText: '退回',
                      danger: true,
                      required: true,
                      placeholder: '请写明退回理由，将通知参保人',
                      onOk: (reason) => run(path(t, 'reject'), { reason }, `已退回：${t.personName}`),
                    })
                  }
                >
                  退回
                </Button>
                <Button size="small" type="link" onClick={() => setViewing(t.caseId)}>
                  进度
                </Button>
              </Space>
            ),
          },
        ]}
      />
    </>
  );
}
