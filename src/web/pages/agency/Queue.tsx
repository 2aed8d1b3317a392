/** 综合待办 (R-P3) — every case type in one queue, most urgent first, with working days left. */
import { App, Button, Empty, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../../api.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useApi } from '../../hooks.ts';
import { linkProps } from '../../router.ts';
import type { QueueEntry } from '../../types.ts';

function daysTag(e: QueueEntry) {
  if (e.overdue) return <Tag color="red">已超期 {Math.abs(e.workingDaysLeft)} 个工作日</Tag>;
  if (e.workingDaysLeft <= 1) return <Tag color="orange">剩 {e.workingDaysLeft} 个工作日</Tag>;
  return <Tag color="green">剩 {e.workingDaysLeft} 个工作日</Tag>;
}

/** Decisions the queue can take in place, per case type (the workflow service decides and records). */
const DECISIONS: Record<string, { approve: (id: string) => string; reject: (id: string) => string }> = {
  filing: {
    approve: (id) => `/api/agency/filings/${encodeURIComponent(id)}/approve`,
    reject: (id) => `/api/agency/filings/${encodeURIComponent(id)}/reject`,
  },
};

/** Case kinds decided on their own page (several steps, or a preview first): the queue links there. */
const PAGES: Record<string, string> = {
  chronic: '/agency/chronic',
  claim: '/agency/claims',
  complaint: '/agency/complaints',
  transfer: '/agency/transfers',
};

export function Queue() {
  const { message } = App.useApp();
  const [rejecting, setRejecting] = useState<QueueEntry>();
  const [reason, setReason] = useState('');
  const { data, loading, error, reload } = useApi<{
    kinds: { kind: string; kindZh: string }[];
    entries: QueueEntry[];
  }>('/api/agency/queue');
  const decide = async (entry: QueueEntry, how: 'approve' | 'reject', body: Record<string, string>) => {
    const paths = DECISIONS[entry.kind];
    if (!paths) return;
    try {
      await api.post(paths[how](entry.caseId), body);
      message.success(
        how === 'approve'
          ? `已通过：${entry.personName} 的${entry.kindZh}`
          : `已驳回：${entry.personName} 的${entry.kindZh}`,
      );
      reload();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    }
  };
  const actions = (r: QueueEntry) => {
    if (DECISIONS[r.kind]) {
      return (
        <Space size={4}>
          <Button
            size="small"
            type="primary"
            onClick={() => void decide(r, 'approve', {})}
            data-testid={`approve-${r.caseId}`}
          >
            通过
          </Button>
          <Button
            size="small"
            danger
            onClick={() => {
              setReason('');
              setRejecting(r);
            }}
          >
            驳回
          </Button>
        </Space>
      );
    }
    const page = r.openPath ?? PAGES[r.kind];
    return page ? <a {...linkProps(page)}>办理</a> : null;
  };
  return (
    <>
      <PageTitle>综合待办</PageTitle>
      <Modal
        title="驳回原因"
        open={rejecting !== undefined}
        okText="驳回"
        okButtonProps={{ danger: true, disabled: reason.trim() === '' }}
        onCancel={() => setRejecting(undefined)}
        onOk={async () => {
          if (rejecting) await decide(rejecting, 'reject', { reason: reason.trim() });
          setRejecting(undefined);
        }}
      >
        <Input.TextArea
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={200}
          placeholder="请写明驳回原因和补正方法，将通知参保人"
        />
      </Modal>
      <ErrorAlert error={error} />
      <Typography.Paragraph type="secondary">
        按办结期限排序；工作日按国家法定节假日和调休计算。
        {data && data.kinds.length > 0 && `已接入：${data.kinds.map((k) => k.kindZh).join('、')}。`}
      </Typography.Paragraph>
      <Table<QueueEntry>
        rowKey={(r) => `${r.kind}:${r.caseId}`}
        loading={loading}
        dataSource={data?.entries ?? []}
        scroll={{ x: 720 }}
        locale={{
          emptyText: (
            <Empty
              description={
                data && data.kinds.length === 0
                  ? '暂无待办。备案审核、门慢特申请、手工报销、关系转移等业务接入后，将在此按期限统一排列。'
                  : '暂无待办'
              }
            />
          ),
        }}
        columns={[
          {
            title: '业务',
            dataIndex: 'kindZh',
            width: 110,
            render: (v: string) => <Tag color="blue">{v}</Tag>,
          },
          { title: '申请人', dataIndex: 'personName', width: 100 },
          { title: '事项', dataIndex: 'summaryZh' },
          { title: '状态', dataIndex: 'statusZh', width: 100 },
          {
            title: '提交时间',
            dataIndex: 'submittedAt',
            width: 150,
            render: (v: string) => v.replace('T', ' ').slice(0, 16),
          },
          { title: '办结期限', dataIndex: 'deadlineDate', width: 110 },
          { title: '剩余', key: 'left', width: 150, render: (_, r) => daysTag(r) },
          {
            title: '办理',
            key: 'open',
            width: 140,
            render: (_, r) => actions(r),
          },
        ]}
      />
    </>
  );
}
