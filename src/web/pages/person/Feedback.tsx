/**
 * 投诉与评价 (R-P4) — file a complaint and follow the agency's replies; rate my finished settlements
 * and filings (4–5 好评, 3 中评, 1–2 差评). Ownership and "once per service" are checked on the server.
 */
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Empty,
  Form,
  Input,
  List,
  Rate,
  Row,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../../api.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useApi, useSubmission } from '../../hooks.ts';

export interface ComplaintEvent {
  at: string;
  event: 'filed' | 'replied' | 'closed';
  actorRole: 'person' | 'staff';
  actor: string;
  text: string;
}

export interface Complaint {
  complaintId: string;
  personName: string;
  topic: string;
  subject: { type: string; typeName: string; id: string } | null;
  text: string;
  status: 'open' | 'answered' | 'closed';
  statusName: string;
  createdAt: string;
  closedAt: string | null;
  events: ComplaintEvent[];
}

interface Ratable {
  serviceType: string;
  serviceTypeName: string;
  serviceId: string;
  label: string;
}

interface Rating {
  ratingId: string;
  serviceTypeName: string;
  serviceId: string;
  score: number;
  gradeName: string;
  comment: string;
  createdAt: string;
}

export const STATUS_COLOR: Record<string, string> = { open: 'orange', answered: 'blue', closed: 'green' };
const GRADE_COLOR: Record<string, string> = { 好评: 'green', 中评: 'gold', 差评: 'red' };
const RATE_TIPS = ['差评', '差评', '中评', '好评', '好评'];

export function localTime(iso: string): string {
  return new Date(iso).toLocaleString('zh-CN', { hour12: false });
}

/** A complaint's history: what the person wrote, each reply, the closing. */
export function ComplaintHistory(props: { complaint: Complaint }) {
  return (
    <List<ComplaintEvent>
      size="small"
      dataSource={props.complaint.events}
      renderItem={(e) => (
        <List.Item>
          <Typography.Text type="secondary">{localTime(e.at)}</Typography.Text>{' '}
          <Tag>{e.event === 'filed' ? '提交' : e.event === 'replied' ? '经办答复' : '办结'}</Tag>
          <span data-testid={e.event === 'replied' ? 'complaint-reply' : undefined}>{e.text}</span>
        </List.Item>
      )}
    />
  );
}

function ComplaintForm(props: { ratable: Ratable[]; onFiled: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ topic: string; text: string; subject?: string }>();
  const { run, busy, error } = useSubmission();
  const submit = (v: { topic: string; text: string; subject?: string }) =>
    run(async () => {
      const [type, ...rest] = (v.subject ?? '').split(':');
      await api.post('/api/complaints', {
        topic: v.topic,
        text: v.text,
        ...(v.subject ? { subject: { type, id: rest.join(':') } } : {}),
      });
      message.success('投诉已提交，参保地经办机构将答复您。');
      form.resetFields();
      props.onFiled();
    });
  return (
    <Card title="我要投诉" style={{ marginBottom: 16 }}>
      <Form form={form} layout="vertical" onFinish={submit}>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="topic" label="主题" rules={[{ required: true, message: '请填写投诉主题' }]}>
              <Input id="complaint-topic" maxLength={60} placeholder="如：报销比例疑问" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="subject" label="关联业务（可不选）">
              <Select
                id="complaint-subject"
                allowClear
                placeholder="选择一笔结算或备案"
                options={props.ratable.map((r) => ({
                  value: `${r.serviceType}:${r.serviceId}`,
                  label: `${r.serviceTypeName}：${r.label}`,
                }))}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="text" label="投诉内容" rules={[{ required: true, message: '请写明经过和诉求' }]}>
          <Input.TextArea
            id="complaint-text"
            rows={3}
            maxLength={2000}
            showCount
            placeholder="请写明经过和诉求"
          />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Button type="primary" htmlType="submit" loading={busy} data-testid="submit-complaint">
          提交投诉
        </Button>
      </Form>
    </Card>
  );
}

function RateCard(props: { item: Ratable; onRated: () => void }) {
  const { message } = App.useApp();
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    try {
      await api.post('/api/ratings', {
        serviceType: props.item.serviceType,
        serviceId: props.item.serviceId,
        score,
        comment,
      });
      message.success('感谢您的评价！');
      props.onRated();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <List.Item data-testid={`ratable-${props.item.serviceId}`}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <span>
          <Tag>{props.item.serviceTypeName}</Tag>
          {props.item.label}
        </span>
        <Space wrap>
          <Rate value={score} onChange={setScore} tooltips={RATE_TIPS} />
          {score > 0 && <Tag color={GRADE_COLOR[RATE_TIPS[score - 1] ?? '']}>{RATE_TIPS[score - 1]}</Tag>}
        </Space>
        <Input
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          maxLength={500}
          placeholder="说说您的感受（可不填）"
        />
        <Button
          size="small"
          type="primary"
          disabled={score === 0}
          loading={busy}
          onClick={() => void submit()}
        >
          提交评价
        </Button>
      </Space>
    </List.Item>
  );
}

export function Feedback() {
  const complaints = useApi<{ items: Complaint[] }>('/api/complaints/mine');
  const ratings = useApi<{ items: Rating[]; ratable: Ratable[] }>('/api/ratings/mine');
  const ratable = ratings.data?.ratable ?? [];
  return (
    <>
      <PageTitle>投诉与评价</PageTitle>
      <ComplaintForm ratable={ratable} onFiled={complaints.reload} />
      <Card title="我的投诉" style={{ marginBottom: 16 }}>
        <ErrorAlert error={complaints.error} />
        {(complaints.data?.items ?? []).length === 0 ? (
          <Empty description="暂无投诉" />
        ) : (
          <List<Complaint>
            dataSource={complaints.data?.items ?? []}
            renderItem={(c) => (
              <List.Item data-testid="my-complaint" style={{ display: 'block' }}>
                <Space wrap>
                  <Typography.Text strong>{c.topic}</Typography.Text>
                  <Tag color={STATUS_COLOR[c.status]}>{c.statusName}</Tag>
                  {c.subject && <Tag>{`${c.subject.typeName} ${c.subject.id}`}</Tag>}
                </Space>
                <ComplaintHistory complaint={c} />
              </List.Item>
            )}
          />
        )}
      </Card>
      <Card title="服务评价（好差评）">
        <Typography.Paragraph type="secondary">
          4–5 星为好评，3 星为中评，1–2 星为差评；每项业务办结后可评价一次。
        </Typography.Paragraph>
        <ErrorAlert error={ratings.error} />
        {ratable.length > 0 && (
          <List<Ratable>
            header="待评价"
            dataSource={ratable}
            renderItem={(item) => <RateCard item={item} onRated={ratings.reload} />}
          />
        )}
        <List<Rating>
          header="我的评价"
          locale={{ emptyText: '暂无评价' }}
          dataSource={ratings.data?.items ?? []}
          renderItem={(r) => (
            <List.Item data-testid="my-rating">
              <Space wrap>
                <Tag>{r.serviceTypeName}</Tag>
                <Rate disabled value={r.score} />
                <Tag color={GRADE_COLOR[r.gradeName]}>{r.gradeName}</Tag>
                <span>{r.comment}</span>
              </Space>
            </List.Item>
          )}
        />
      </Card>
    </>
  );
}
