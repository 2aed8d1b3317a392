/**
 * 投诉台账与好差评汇总 (R-P4) — the staff member's region only: complaints newest first with their
 * history, reply and close in place; the region's rating figures (count, average, share of 差评).
 */
import {
  App,
  Button,
  Card,
  Col,
  Input,
  Modal,
  Row,
  Segmented,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../../api.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useApi } from '../../hooks.ts';
import { type Complaint, ComplaintHistory, localTime, STATUS_COLOR } from '../person/Feedback.tsx';

interface Figures {
  count: number;
  averageScore: number | null;
  good: number;
  neutral: number;
  poor: number;
  poorSharePercent: string;
}

interface Summary extends Figures {
  regionCode: string;
  byServiceType: (Figures & { serviceType: string; serviceTypeName: string })[];
}

type Action = { kind: 'reply' | 'close'; complaint: Complaint };

function RatingSummaryCard() {
  const { data, error } = useApi<Summary>('/api/agency/ratings/summary');
  return (
    <Card title="好差评汇总" style={{ marginBottom: 16 }} data-testid="rating-summary">
      <ErrorAlert error={error} />
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Statistic title="评价数" value={data?.count ?? 0} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title="平均分"
            value={data?.averageScore === null ? '—' : (data?.averageScore?.toFixed(2) ?? '—')}
          />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title="好评 / 中评 / 差评"
            value={`${data?.good ?? 0} / ${data?.neutral ?? 0} / ${data?.poor ?? 0}`}
          />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title="差评占比" value={data?.poorSharePercent ?? '0.00%'} />
        </Col>
      </Row>
      {(data?.byServiceType ?? []).length > 0 && (
        <Table
          style={{ marginTop: 12 }}
          size="small"
          rowKey="serviceType"
          pagination={false}
          dataSource={data?.byServiceType ?? []}
          scroll={{ x: 480 }}
          columns={[
            { title: '业务', dataIndex: 'serviceTypeName' },
            { title: '评价数', dataIndex: 'count' },
            {
              title: '平均分',
              dataIndex: 'averageScore',
              render: (v: number | null) => (v === null ? '—' : v.toFixed(2)),
            },
            { title: '差评占比', dataIndex: 'poorSharePercent' },
          ]}
        />
      )}
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        4–5 星为好评，3 星为中评，1–2 星为差评。
      </Typography.Paragraph>
    </Card>
  );
}

export function Complaints() {
  const { message } = App.useApp();
  const [status, setStatus] = useState<string>('all');
  const ledger = useApi<{ items: Complaint[]; counts: Record<string, number> }>(
    `/api/agency/complaints${status === 'all' ? '' : `?status=${status}`}`,
  );
  const [action, setAction] = useState<Action>();
  const [text, setText] = useState('');
  const counts = ledger.data?.counts;

  const submit = async () => {
    if (!action) return;
    const id = encodeURIComponent(action.complaint.complaintId);
    try {
      if (action.kind === 'reply')
        await api.post(`/api/agency/complaints/${id}/reply`, { text: text.trim() });
      else await api.post(`/api/agency/complaints/${id}/close`, { note: text.trim() });
      message.success(
        action.kind === 'reply' ? `已答复：${action.complaint.topic}` : `已办结：${action.complaint.topic}`,
      );
      setAction(undefined);
      ledger.reload();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    }
  };

  return (
    <>
      <PageTitle>投诉台账</PageTitle>
      <RatingSummaryCard />
      <Modal
        title={action?.kind === 'reply' ? '答复投诉' : '办结投诉'}
        open={action !== undefined}
        okText={action?.kind === 'reply' ? '发送答复' : '办结'}
        okButtonProps={{
          disabled: action?.kind === 'reply' && text.trim() === '',
          'data-testid': 'confirm-action',
        }}
        onCancel={() => setAction(undefined)}
        onOk={() => void submit()}
      >
        <Input.TextArea
          data-testid="action-text"
          value={text}
          onChange={(e) => setText(e.target.value)}
          maxLength={2000}
          rows={4}
          placeholder={action?.kind === 'reply' ? '答复内容将展示给参保人' : '办结说明（可不填）'}
        />
      </Modal>
      <ErrorAlert error={ledger.error} />
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented
          value={status}
          onChange={(v) => setStatus(String(v))}
          options={[
            { value: 'all', label: '全部' },
            { value: 'open', label: `待答复 ${counts?.open ?? 0}` },
            { value: 'answered', label: `已答复 ${counts?.answered ?? 0}` },
            { value: 'closed', label: `已办结 ${counts?.closed ?? 0}` },
          ]}
        />
      </Space>
      <Table<Complaint>
        rowKey="complaintId"
        loading={ledger.loading}
        dataSource={ledger.data?.items ?? []}
        scroll={{ x: 720 }}
        locale={{ emptyText: '暂无投诉' }}
        expandable={{ expandedRowRender: (c) => <ComplaintHistory complaint={c} /> }}
        columns={[
          { title: '提交时间', dataIndex: 'createdAt', render: (v: string) => localTime(v) },
          { title: '参保人', dataIndex: 'personName' },
          {
            title: '主题',
            key: 'topic',
            render: (_, c) => (
              <Space orientation="vertical" size={0}>
                <Typography.Text strong>{c.topic}</Typography.Text>
                <Typography.Text type="secondary">{c.text}</Typography.Text>
              </Space>
            ),
          },
          {
            title: '状态',
            dataIndex: 'statusName',
            render: (_, c) => <Tag color={STATUS_COLOR[c.status]}>{c.statusName}</Tag>,
          },
          {
            title: '操作',
            key: 'actions',
            render: (_, c) =>
              c.status === 'closed' ? null : (
                <Space size={4}>
                  <Button
                    size="small"
                    type="primary"
                    data-testid={`reply-${c.complaintId}`}
                    onClick={() => {
                      setText('');
                      setAction({ kind: 'reply', complaint: c });
                    }}
                  >
                    答复
                  </Button>
                  <Button
                    size="small"
                    data-testid={`close-${c.complaintId}`}
                    onClick={() => {
                      setText('');
                      setAction({ kind: 'close', complaint: c });
                    }}
                  >
                    办结
                  </Button>
                </Space>
              ),
          },
        ]}
      />
    </>
  );
}
