/**
 * 门慢特 — the region's chronic-disease applications awaiting review (即申即享: approved ones count from the
 * application date) and the 免申即享 pre-qualified list from the T-1 screen, with contact, consent and
 * refusal recorded. Scope and every rule are the server's (/api/chronic/*, staff session).
 */
import { Button, Card, DatePicker, Empty, Segmented, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { query } from '../../api.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useApi } from '../../hooks.ts';
import type { StaffProfile } from '../../types.ts';
import { type TextPrompt, TextPromptModal, time, useDecision, usePhone } from './case-kit.tsx';

interface Application {
  applicationId: string;
  psnNo: string;
  regionCode: string;
  diseaseCode: string;
  appliedOn: string;
  channel: string;
  status: 'pending_review' | 'approved' | 'rejected';
  decidedAt: string | null;
  decisionNote: string | null;
}

interface Candidate {
  candidateId: string;
  psnNo: string;
  diseaseCode: string;
  visitId: string;
  icdCode: string;
  dischargeDate: string;
  status: 'pending_contact' | 'contacted' | 'granted' | 'refused';
  contactNote: string | null;
  decisionNote: string | null;
}

interface Run {
  runId: string;
  dischargeDate: string;
  finishedAt: string;
  scannedCount: number;
  matchedCount: number;
  addedCount: number;
}

const APPLICATION_STATUS: Record<Application['status'], { text: string; color: string }> = {
  pending_review: { text: '待审核', color: 'blue' },
  approved: { text: '已通过', color: 'green' },
  rejected: { text: '已驳回', color: 'red' },
};
const CANDIDATE_STATUS: Record<Candidate['status'], { text: string; color: string }> = {
  pending_contact: { text: '待联系', color: 'blue' },
  contacted: { text: '已联系', color: 'gold' },
  granted: { text: '已同意认定', color: 'green' },
  refused: { text: '本人拒绝', color: 'default' },
};
const CHANNEL: Record<string, string> = { online: '线上申报', window: '窗口申报' };

function useDiseaseNames(regionCode: string | undefined) {
  const catalog = useApi<{ diseases: { code: string; name: string; localName: string | null }[] }>(
    regionCode ? `/api/chronic/diseases${query({ region: regionCode })}` : null,
  );
  return useMemo(() => {
    const names = new Map<string, string>();
    for (const d of catalog.data?.diseases ?? []) names.set(d.code, d.localName ?? d.name);
    return (code: string) => (names.has(code) ? `${names.get(code)}（${code}）` : code);
  }, [catalog.data]);
}

function Applications(props: { disease: (code: string) => string }) {
  const [status, setStatus] = useState<Application['status']>('pending_review');
  const [prompt, setPrompt] = useState<TextPrompt>();
  const phone = usePhone();
  const list = useApi<{ applications: Application[] }>(`/api/chronic/applications${query({ status })}`);
  const { run, busy } = useDecision(list.reload);
  const review = (a: Application, decision: 'approve' | 'reject', reason?: string) =>
    run(
      `/api/chronic/applications/${encodeURIComponent(a.applicationId)}/review`,
      { decision, ...(reason ? { reason } : {}) },
      decision === 'approve' ? `已通过门慢特申请 ${a.applicationId}` : `已驳回门慢特申请 ${a.applicationId}`,
    );
  return (
    <>
      <TextPromptModal prompt={prompt} onClose={() => setPrompt(undefined)} />
      <Segmented
        value={status}
        onChange={(v) => setStatus(v as Application['status'])}
        options={[
          { value: 'pending_review', label: '待审核' },
          { value: 'approved', label: '已通过' },
          { value: 'rejected', label: '已驳回' },
        ]}
        style={{ marginBottom: 12 }}
      />
      <ErrorAlert error={list.error} />
      <Table<Application>
        rowKey="applicationId"
        loading={list.loading}
        dataSource={list.data?.applications ?? []}
        scroll={{ x: 760 }}
        locale={{ emptyText: <Empty description="暂无申请" /> }}
        columns={[
          { title: '申请编号', dataIndex: 'applicationId', width: 150 },
          { title: '人员编号', dataIndex: 'psnNo', width: 110 },
          { title: '病种', dataIndex: 'diseaseCode', render: (c: string) => props.disease(c) },
          { title: '申报日期', dataIndex: 'appliedOn', width: 110 },
          { title: '渠道', dataIndex: 'channel', width: 90, render: (c: string) => CHANNEL[c] ?? c },
          {
            title: '状态',
            dataIndex: 'status',
            width: 150,
            render: (s: Application['status'], a) => (
              <Space orientation="vertical" size={0}>
                <Tag color={APPLICATION_STATUS[s].color}>{APPLICATION_STATUS[s].text}</Tag>
                {a.decisionNote && <Typography.Text type="secondary">{a.decisionNote}</Typography.Text>}
              </Space>
            ),
          },
          {
            title: '审核',
            key: 'review',
            width: phone ? 80 : 150,
            fixed: phone ? 'right' : undefined,
            render: (_, a) =>
              a.status === 'pending_review' ? (
                <Space size={4} orientation={phone ? 'vertical' : 'horizontal'}>
                  <Button
                    size="small"
                    type="primary"
                    disabled={busy}
                    onClick={() => void review(a, 'approve')}
                    data-testid={`chronic-approve-${a.applicationId}`}
                  >
                    通过
                  </Button>
                  <Button
                    size="small"
                    danger
                    disabled={busy}
                    onClick={() =>
                      setPrompt({
                        title: '驳回原因',
                        okText: '驳回',
                        danger: true,
                        required: true,
                        placeholder: '请写明驳回原因和补正方法，将通知参保人',
                        onOk: (reason) => review(a, 'reject', reason),
                      })
                    }
                  >
                    驳回
                  </Button>
                </Space>
              ) : (
                time(a.decidedAt)
              ),
          },
        ]}
      />
    </>
  );
}

function Candidates(props: { disease: (code: string) => string }) {
  const [status, setStatus] = useState<Candidate['status'] | 'all'>('all');
  const [day, setDay] = useState<Dayjs | null>(null);
  const [prompt, setPrompt] = useState<TextPrompt>();
  const phone = usePhone();
  const list = useApi<{ candidates: Candidate[] }>(
    `/api/chronic/candidates${query({
      status: status === 'all' ? undefined : status,
      date: day ? day.format('YYYY-MM-DD') : undefined,
    })}`,
  );
  const runs = useApi<{ runs: Run[] }>('/api/chronic/screening-runs');
  const reloadAll = () => {
    list.reload();
    runs.reload();
  };
  const { run, busy } = useDecision(reloadAll);
  const act = (c: Candidate, action: 'contact' | 'consent' | 'refuse', note: string) =>
    run(
      `/api/chronic/candidates/${encodeURIComponent(c.candidateId)}/${action}`,
      note ? { note } : {},
      {
        contact: '已记录联系情况',
        consent: '已记录本人同意并认定资格，短信通知已排队',
        refuse: '已记录本人拒绝',
      }[action],
    );
  const ask = (c: Candidate, action: 'contact' | 'consent' | 'refuse') => {
    const titles = {
      contact: ['记录联系情况', '记录', '如：已电话联系本人，约定到院复核'],
      consent: ['本人同意认定', '确认认定', '备注（可选），如：电话中本人同意'],
      refuse: ['本人拒绝', '记录拒绝', '备注（可选），如：本人表示暂不需要'],
    } as const;
    const [title, okText, placeholder] = titles[action];
    setPrompt({
      title,
      okText,
      placeholder,
      required: false,
      danger: action === 'refuse',
      onOk: (note) => act(c, action, note),
    });
  };
  const last = runs.data?.runs[0];
  return (
    <>
      <TextPromptModal prompt={prompt} onClose={() => setPrompt(undefined)} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap>
          <Button
            disabled={busy}
            onClick={() => void run('/api/chronic/screening-runs', {}, '已执行 T-1 筛查（昨日出院）')}
          >
            执行 T-1 筛查
          </Button>
          <Typography.Text type="secondary">
            {last
              ? `最近一次：出院日 ${last.dischargeDate}，筛查 ${last.scannedCount} 人次，命中 ${last.matchedCount}，新增 ${last.addedCount}（${time(last.finishedAt)}）`
              : '尚未执行筛查；系统每日按前一日出院诊断自动筛查。'}
          </Typography.Text>
        </Space>
      </Card>
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented
          value={status}
          onChange={(v) => setStatus(v as Candidate['status'] | 'all')}
          options={[
            { value: 'all', label: '全部' },
            { value: 'pending_contact', label: '待联系' },
            { value: 'contacted', label: '已联系' },
            { value: 'granted', label: '已认定' },
            { value: 'refused', label: '已拒绝' },
          ]}
        />
        <DatePicker value={day} onChange={setDay} placeholder="出院日期" allowClear />
      </Space>
      <ErrorAlert error={list.error ?? runs.error} />
      <Table<Candidate>
        rowKey="candidateId"
        loading={list.loading}
        dataSource={list.data?.candidates ?? []}
        scroll={{ x: 820 }}
        locale={{ emptyText: <Empty description="暂无预享受人员" /> }}
        columns={[
          { title: '人员编号', dataIndex: 'psnNo', width: 110 },
          { title: '病种', dataIndex: 'diseaseCode', render: (c: string) => props.disease(c) },
          { title: '出院诊断', dataIndex: 'icdCode', width: 100 },
          { title: '出院日期', dataIndex: 'dischargeDate', width: 110 },
          {
            title: '状态',
            dataIndex: 'status',
            width: 180,
            render: (s: Candidate['status'], c) => (
              <Space orientation="vertical" size={0}>
                <Tag color={CANDIDATE_STATUS[s].color}>{CANDIDATE_STATUS[s].text}</Tag>
                {c.contactNote && <Typography.Text type="secondary">联系：{c.contactNote}</Typography.Text>}
                {c.decisionNote && <Typography.Text type="secondary">{c.decisionNote}</Typography.Text>}
              </Space>
            ),
          },
          {
            title: '办理',
            key: 'act',
            width: phone ? 96 : 200,
            fixed: phone ? 'right' : undefined,
            render: (_, c) =>
              c.status === 'pending_contact' || c.status === 'contacted' ? (
                <Space size={4} wrap orientation={phone ? 'vertical' : 'horizontal'}>
                  <Button size="small" disabled={busy} onClick={() => ask(c, 'contact')}>
                    记录联系
                  </Button>
                  <Button size="small" type="primary" disabled={busy} onClick={() => ask(c, 'consent')}>
                    同意
                  </Button>
                  <Button size="small" danger disabled={busy} onClick={() => ask(c, 'refuse')}>
                    拒绝
                  </Button>
                </Space>
              ) : null,
          },
        ]}
      />
    </>
  );
}

export function Chronic() {
  const me = useApi<StaffProfile>('/api/agency/me');
  const disease = useDiseaseNames(me.data?.regionCode);
  return (
    <>
      <PageTitle>门诊慢特病</PageTitle>
      <Typography.Paragraph type="secondary">
        即申即享：审核通过后自申报之日起享受待遇，期间已按普通门诊结算的费用将重算退费。免申即享：按出院诊断筛查的预享受人员，联系本人并记录同意或拒绝。
      </Typography.Paragraph>
      <Tabs
        items={[
          { key: 'applications', label: '待审核申请', children: <Applications disease={disease} /> },
          { key: 'candidates', label: '免申即享名单', children: <Candidates disease={disease} /> },
        ]}
      />
    </>
  );
}
