/**
 * 异地就医备案（线上办理, R-F2）— file online and see each filing's decision and deadline; change an
 * approved filing (变更: a new filing that replaces it from its first day, R-F1) or revoke a pending or
 * approved one (撤销, with an optional reason). Rules live on the server (src/service/filing): the page
 * offers only the moves the filing's status allows and shows the server's refusal as it is.
 */
import { Alert, Button, Card, Checkbox, Col, Form, Input, Modal, Row, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../../api.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { RegionSelect } from '../../components/RegionSelect.tsx';
import { useApi, useSubmission } from '../../hooks.ts';
import type { FilingOutcome, FilingView } from '../../types.ts';

const TYPES = [
  { value: 'retiree_settled_elsewhere', label: '异地安置退休' },
  { value: 'long_term_resident', label: '异地长期居住' },
  { value: 'posted_worker', label: '常驻异地工作' },
  { value: 'referral', label: '转诊转院' },
  { value: 'emergency', label: '急诊抢救' },
  { value: 'other_temporary', label: '其他临时外出就医' },
];
const LONG_TERM = new Set(['retiree_settled_elsewhere', 'long_term_resident', 'posted_worker']);
const STATUS_COLOR: Record<string, string> = { approved: 'green', pending_review: 'orange', rejected: 'red' };
/** The moves the filing state machine allows (src/core/filing/transitions.ts): change only when approved. */
const CAN_REVOKE = new Set(['pending_review', 'approved']);
const CAN_CHANGE = new Set(['approved']);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

interface FormValues {
  type: string;
  regionCode: string;
  commitmentSigned?: boolean;
  diseaseCode?: string;
  certificateUploaded?: boolean;
}

interface ChangeValues extends FormValues {
  validFrom?: string;
}

/** The request body the filing API takes for these answers (shared by filing and changing). */
function requestOf(v: FormValues) {
  return {
    type: v.type,
    target: { scope: 'city' as const, regionCode: v.regionCode },
    ...(LONG_TERM.has(v.type) ? { commitmentSigned: !!v.commitmentSigned } : {}),
    ...(v.type === 'referral'
      ? { referral: { diseaseCode: v.diseaseCode ?? '', certificateUploaded: !!v.certificateUploaded } }
      : {}),
  };
}

/** 变更备案: the new type, city and first day (today or later); what is left as it was stays. */
function ChangeModal(props: { filing: FilingView; onClose: () => void; onDone: (o: FilingOutcome) => void }) {
  const { filing } = props;
  const [form] = Form.useForm<ChangeValues>();
  const type = Form.useWatch('type', form);
  const { run, busy, error } = useSubmission();
  const submit = (v: ChangeValues) =>
    run(async () => {
      const validFrom = v.validFrom?.trim();
      const res = await api.post<FilingOutcome>(`/api/filings/${encodeURIComponent(filing.id)}/change`, {
        ...requestOf(v),
        ...(validFrom ? { validFrom } : {}),
      });
      props.onDone(res);
    });
  return (
    <Modal
      open
      title={`变更备案（编号 ${filing.id}）`}
      okText="提交变更"
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      okButtonProps={{ id: 'confirm-change' }}
      destroyOnHidden
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title="变更后原备案自新备案开始之日起不再使用；新备案审核通过前，原备案继续有效。"
      />
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          type: filing.type,
          regionCode: filing.target.regionCode,
          commitmentSigned: true,
          diseaseCode: filing.referral?.diseaseCode,
          certificateUploaded: filing.referral?.certificateUploaded,
        }}
      >
        <Form.Item name="type" label="备案类型" rules={[{ required: true }]}>
          <Select id="change-type" options={TYPES} />
        </Form.Item>
        <Form.Item
          name="regionCode"
          label="就医城市"
          rules={[{ required: true, message: '请选择要去就医的城市' }]}
        >
          <RegionSelect id="change-region" onChange={(v) => form.setFieldValue('regionCode', v)} />
        </Form.Item>
        <Form.Item
          name="validFrom"
          label="开始日期（不填为今天）"
          rules={[{ pattern: DATE, message: '请按 YYYY-MM-DD 填写，如 2026-05-01' }]}
        >
          <Input id="change-valid-from" placeholder="YYYY-MM-DD" maxLength={10} />
        </Form.Item>
        {type === 'referral' && (
          <>
            <Form.Item
              name="diseaseCode"
              label="转诊病种编码"
              rules={[{ required: true, message: '请填写病种编码' }]}
            >
              <Input maxLength={30} />
            </Form.Item>
            <Form.Item name="certificateUploaded" valuePropName="checked">
              <Checkbox>转出医院已上传转诊证明</Checkbox>
            </Form.Item>
          </>
        )}
        {LONG_TERM.has(type ?? '') && (
          <Form.Item name="commitmentSigned" valuePropName="checked">
            <Checkbox>本人承诺所填信息真实</Checkbox>
          </Form.Item>
        )}
      </Form>
      {error && <Alert data-testid="change-error" type="error" showIcon title={error} />}
    </Modal>
  );
}

/** 撤销备案: confirm, with an optional reason the history keeps. */
function RevokeModal(props: { filing: FilingView; onClose: () => void; onDone: (f: FilingView) => void }) {
  const { filing } = props;
  const [reason, setReason] = useState('');
  const { run, busy, error } = useSubmission();
  const revoke = () =>
    run(async () => {
      const text = reason.trim();
      const res = await api.post<{ filing: FilingView }>(
        `/api/filings/${encodeURIComponent(filing.id)}/revoke`,
        text ? { reason: text } : {},
      );
      props.onDone(res.filing);
    });
  return (
    <Modal
      open
      title={`撤销备案（编号 ${filing.id}）`}
      okText="确认撤销"
      cancelText="不撤销"
      okButtonProps={{ danger: true, id: 'confirm-revoke' }}
      confirmLoading={busy}
      onOk={revoke}
      onCancel={props.onClose}
      destroyOnHidden
    >
      <p>
        {filing.status === 'pending_review'
          ? `撤回尚在审核中的${filing.typeName}备案。`
          : `撤销后，${filing.typeName}备案自今天起不再有效，在该地就医将不能按已备案直接结算。`}
      </p>
      <Input.TextArea
        id="revoke-reason"
        aria-label="撤销原因"
        placeholder="撤销原因（选填），如：已回参保地居住"
        maxLength={500}
        rows={3}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
      {error && (
        <Alert data-testid="revoke-error" type="error" showIcon title={error} style={{ marginTop: 12 }} />
      )}
    </Modal>
  );
}

export function Filings() {
  const mine = useApi<{ items: FilingView[] }>('/api/filings/mine');
  const [form] = Form.useForm<FormValues>();
  const type = Form.useWatch('type', form);
  const [outcome, setOutcome] = useState<FilingOutcome>();
  const { run, busy, error } = useSubmission();
  const [changing, setChanging] = useState<FilingView>();
  const [revoking, setRevoking] = useState<FilingView>();
  const [moved, setMoved] = useState<string>();

  const submit = (v: FormValues) => {
    setOutcome(undefined);
    return run(async () => {
      setMoved(undefined);
      const res = await api.post<FilingOutcome>('/api/filings', requestOf(v));
      setOutcome(res);
      mine.reload();
    });
  };

  return (
    <>
      <PageTitle>异地就医备案</PageTitle>
      <Card title="线上办理" style={{ marginBottom: 16 }}>
        <Form
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{ type: 'long_term_resident', commitmentSigned: true }}
        >
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="type" label="备案类型" rules={[{ required: true }]}>
                <Select id="filing-type" options={TYPES} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name="regionCode"
                label="就医城市"
                rules={[{ required: true, message: '请选择要去就医的城市' }]}
              >
                <RegionSelect
                  id="filing-region"
                  onChange={(v) => form.setFieldValue('regionCode', v)}
                  placeholder="选择就医地"
                />
              </Form.Item>
            </Col>
            {type === 'referral' && (
              <Col xs={24} md={8}>
                <Form.Item
                  name="diseaseCode"
                  label="转诊病种编码"
                  rules={[{ required: true, message: '请填写病种编码' }]}
                >
                  <Input maxLength={30} placeholder="如 C34.9" />
                </Form.Item>
                <Form.Item name="certificateUploaded" valuePropName="checked">
                  <Checkbox>转出医院已上传转诊证明</Checkbox>
                </Form.Item>
              </Col>
            )}
            {LONG_TERM.has(type ?? '') && (
              <Col xs={24} md={8}>
                <Form.Item name="commitmentSigned" valuePropName="checked" label="个人承诺">
                  <Checkbox>本人承诺所填信息真实（长期备案可即时办结）</Checkbox>
                </Form.Item>
              </Col>
            )}
          </Row>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="submit-filing">
            提交备案
          </Button>
        </Form>
      </Card>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      {outcome && (
        <Alert
          data-testid="filing-outcome"
          type={outcome.decision === 'approved' ? 'success' : 'info'}
          showIcon
          style={{ marginBottom: 16 }}
          title={
            outcome.decision === 'approved'
              ? `备案已通过：${outcome.filing.typeName}，${outcome.filing.validityText}`
              : `已提交，等待经办机构审核，最迟 ${outcome.filing.reviewDeadlineDate ?? ''} 前办结`
          }
          description={outcome.notices.join(' ')}
        />
      )}
      {moved && (
        <Alert
          data-testid="filing-moved"
          type="success"
          showIcon
          closable
          style={{ marginBottom: 16 }}
          title={moved}
        />
      )}
      <ErrorAlert error={mine.error} />
      {changing && (
        <ChangeModal
          filing={changing}
          onClose={() => setChanging(undefined)}
          onDone={(o) => {
            setChanging(undefined);
            setMoved(undefined);
            setOutcome(o);
            mine.reload();
          }}
        />
      )}
      {revoking && (
        <RevokeModal
          filing={revoking}
          onClose={() => setRevoking(undefined)}
          onDone={(f) => {
            setRevoking(undefined);
            setOutcome(undefined);
            setMoved(`已撤销备案 ${f.id}（${f.typeName}），状态：${f.statusName}。`);
            mine.reload();
          }}
        />
      )}
      <Table<FilingView>
        rowKey="id"
        data-testid="my-filings"
        loading={mine.loading}
        dataSource={mine.data?.items ?? []}
        scroll={{ x: 760 }}
        locale={{ emptyText: '暂无备案' }}
        columns={[
          { title: '备案类型', dataIndex: 'typeName' },
          { title: '就医地', key: 'target', render: (_, r) => r.target.regionCode ?? r.target.provinceCode },
          { title: '有效期', dataIndex: 'validityText' },
          {
            title: '状态',
            dataIndex: 'statusName',
            render: (_, r) => <Tag color={STATUS_COLOR[r.status]}>{r.statusName}</Tag>,
          },
          {
            title: '办结期限',
            key: 'deadline',
            render: (_, r) =>
              r.status === 'pending_review' ? r.reviewDeadlineDate : (r.rejectionReason ?? '—'),
          },
          {
            title: '操作',
            key: 'actions',
            fixed: 'right',
            render: (_, r) =>
              CAN_REVOKE.has(r.status) || CAN_CHANGE.has(r.status) ? (
                <Space wrap size={4}>
                  {CAN_CHANGE.has(r.status) && (
                    <Button size="small" data-testid={`change-${r.id}`} onClick={() => setChanging(r)}>
                      变更
                    </Button>
                  )}
                  {CAN_REVOKE.has(r.status) && (
                    <Button size="small" danger data-testid={`revoke-${r.id}`} onClick={() => setRevoking(r)}>
                      {r.status === 'pending_review' ? '撤回' : '撤销'}
                    </Button>
                  )}
                </Space>
              ) : (
                '—'
              ),
          },
        ]}
      />
    </>
  );
}
