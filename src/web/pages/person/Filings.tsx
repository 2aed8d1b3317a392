/**
 * 异地就医备案（线上办理, R-F2）— file online and see each filing's decision and deadline. Rules live
 * on the server (src/service/filing); this page only collects the answers and shows the outcome.
 */
import { Alert, Button, Card, Checkbox, Col, Form, Input, Row, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../../api.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { RegionSelect } from '../../components/RegionSelect.tsx';
import { useApi } from '../../hooks.ts';
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

interface FormValues {
  type: string;
  regionCode: string;
  commitmentSigned?: boolean;
  diseaseCode?: string;
  certificateUploaded?: boolean;
}

export function Filings() {
  const mine = useApi<{ items: FilingView[] }>('/api/filings/mine');
  const [form] = Form.useForm<FormValues>();
  const type = Form.useWatch('type', form);
  const [outcome, setOutcome] = useState<FilingOutcome>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (v: FormValues) => {
    setError(undefined);
    setOutcome(undefined);
    setBusy(true);
    try {
      const res = await api.post<FilingOutcome>('/api/filings', {
        type: v.type,
        target: { scope: 'city', regionCode: v.regionCode },
        ...(LONG_TERM.has(v.type) ? { commitmentSigned: !!v.commitmentSigned } : {}),
        ...(v.type === 'referral'
          ? { referral: { diseaseCode: v.diseaseCode ?? '', certificateUploaded: !!v.certificateUploaded } }
          : {}),
      });
      setOutcome(res);
      mine.reload();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
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
      <ErrorAlert error={mine.error} />
      <Table<FilingView>
        rowKey="id"
        loading={mine.loading}
        dataSource={mine.data?.items ?? []}
        scroll={{ x: 640 }}
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
        ]}
      />
    </>
  );
}
