/**
 * 门慢特申请（即申即享, R-C6）— apply for an outpatient chronic/special disease qualification with
 * diagnosis material, and see my qualifications (in force, or with 显示历史资格 also the ended and revoked
 * ones) and applications. The rules (material count, types,
 * size, duplicate applications, from which day benefits start) live on the server; this page collects
 * the disease and the files and shows the server's answer as it is.
 */

import type { UploadFile } from 'antd';
import { Alert, Button, Card, Col, Form, Row, Select, Switch, Table, Tag, Upload } from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../../api.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useApi } from '../../hooks.ts';
import { chinaTime, MATERIAL_ACCEPT, materialProblem, readAsBase64 } from './case-kit.ts';
import { usePerson } from './PersonGuard.tsx';

interface Disease {
  code: string;
  name: string;
  categoryName: string;
  grantMode: 'standard' | 'no_application' | 'instant_on_application';
  crossProvince: boolean;
  localCode: string | null;
  localName: string | null;
}

interface Application {
  applicationId: string;
  diseaseCode: string;
  appliedOn: string;
  appliedAt: string;
  channel: 'online' | 'window';
  status: 'pending_review' | 'approved' | 'rejected';
  decidedAt: string | null;
  decisionNote: string | null;
  materials: { fileName: string; sizeBytes: number }[];
}

interface Qualification {
  qualificationId: string;
  diseaseCode: string;
  diseaseName: string;
  localCode: string | null;
  startDate: string;
  endDate: string | null;
  source: string;
  status: 'active' | 'ended' | 'revoked';
  effective: boolean;
  crossProvince: boolean;
}

const MODE_GROUPS: { mode: Disease['grantMode']; label: string }[] = [
  { mode: 'instant_on_application', label: '即申即享（获批后自申报之日起享受待遇）' },
  { mode: 'standard', label: '常规认定（获批后自审核通过之日起享受待遇）' },
  { mode: 'no_application', label: '免申即享病种（也可主动申报）' },
];
const APP_STATUS: Record<Application['status'], { text: string; color: string }> = {
  pending_review: { text: '审核中', color: 'orange' },
  approved: { text: '已通过', color: 'green' },
  rejected: { text: '未通过', color: 'red' },
};
const SOURCE: Record<string, string> = {
  application: '个人申请',
  automatic_grant: '免申即享',
  recognised: '转移互认',
  institution_filing: '定点机构备案',
};

export function MyChronic() {
  const person = usePerson();
  const region = person?.insuredRegionCode;
  const diseases = useApi<{ diseases: Disease[] }>(region ? `/api/chronic/diseases?region=${region}` : null);
  const [history, setHistory] = useState(false);
  const quals = useApi<{ qualifications: Qualification[] }>(
    `/api/chronic/qualifications${history ? '?history=true' : ''}`,
  );
  const apps = useApi<{ applications: Application[] }>('/api/chronic/applications');
  const [diseaseCode, setDiseaseCode] = useState<string>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();
  const [busy, setBusy] = useState(false);

  const byCode = new Map((diseases.data?.diseases ?? []).map((d) => [d.code, d]));
  const nameOf = (code: string) => byCode.get(code)?.name ?? code;
  const options = MODE_GROUPS.map((g) => ({
    label: g.label,
    options: (diseases.data?.diseases ?? [])
      .filter((d) => d.grantMode === g.mode)
      .map((d) => ({ value: d.code, label: `${d.localName ?? d.name}（${d.localCode ?? d.code}）` })),
  })).filter((g) => g.options.length > 0);

  const submit = async () => {
    setError(undefined);
    setDone(undefined);
    if (!diseaseCode) return setError('请选择要申报的病种。');
    if (files.length === 0) return setError('请上传疾病诊断材料（如诊断证明、检查报告），至少 1 份。');
    setBusy(true);
    try {
      const materials = await Promise.all(files.map((f) => readAsBase64(f.originFileObj as File)));
      const res = await api.post<{
        applicationId: string;
        appliedOn: string;
        benefitsFrom: 'application_date' | 'approval_date';
      }>('/api/chronic/applications', { diseaseCode, materials });
      setDone(
        `已提交“${nameOf(diseaseCode)}”申请（编号 ${res.applicationId}），等待参保地经办机构审核。` +
          (res.benefitsFrom === 'application_date'
            ? `审核通过后自申报之日 ${res.appliedOn} 起享受门慢特待遇，其间按普通门诊结算的费用将按门慢特重新结算。`
            : '审核通过后自通过之日起享受门慢特待遇。'),
      );
      setFiles([]);
      setDiseaseCode(undefined);
      apps.reload();
      quals.reload();
    } catch (e) {
      setError(e instanceof ApiError || e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageTitle>门诊慢特病申请</PageTitle>
      <Card title="线上申报（即申即享）" style={{ marginBottom: 16 }}>
        <Form layout="vertical" onFinish={submit}>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item label="病种" required>
                <Select
                  id="chronic-disease"
                  showSearch={{ optionFilterProp: 'label' }}
                  loading={diseases.loading}
                  placeholder="输入病种名称搜索"
                  value={diseaseCode}
                  onChange={setDiseaseCode}
                  options={options}
                  style={{ width: '100%' }}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label="疾病诊断材料（PDF/JPG/PNG，每份不超过 1 MB，最多 5 份）" required>
                <Upload
                  accept={MATERIAL_ACCEPT}
                  multiple
                  maxCount={5}
                  fileList={files}
                  beforeUpload={(file) => {
                    const problem = materialProblem(file);
                    if (problem) {
                      setError(problem);
                      return Upload.LIST_IGNORE;
                    }
                    return false;
                  }}
                  onChange={({ fileList }) => setFiles(fileList)}
                >
                  <Button data-testid="chronic-pick">选择文件</Button>
                </Upload>
              </Form.Item>
            </Col>
          </Row>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="submit-chronic">
            提交申请
          </Button>
        </Form>
      </Card>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      {done && (
        <Alert
          data-testid="chronic-outcome"
          type="success"
          showIcon
          title={done}
          style={{ marginBottom: 16 }}
        />
      )}
      <ErrorAlert error={diseases.error ?? quals.error ?? apps.error} />
      <Card
        title="我的门慢特待遇资格"
        size="small"
        style={{ marginBottom: 16 }}
        extra={
          <span>
            <Switch
              size="small"
              checked={history}
              onChange={setHistory}
              data-testid="chronic-history"
              aria-label="显示历史资格"
            />{' '}
            显示历史资格
          </span>
        }
      >
        <Table<Qualification>
          rowKey="qualificationId"
          size="small"
          loading={quals.loading}
          dataSource={quals.data?.qualifications ?? []}
          pagination={false}
          scroll={{ x: 600 }}
          locale={{ emptyText: history ? '暂无门慢特待遇资格记录' : '暂无享受中的门慢特待遇资格' }}
          columns={[
            {
              title: '病种',
              key: 'disease',
              render: (_, q) => `${q.diseaseName}（${q.localCode ?? q.diseaseCode}）`,
            },
            {
              title: '待遇期',
              key: 'period',
              render: (_, q) => `${q.startDate} 至 ${q.endDate ?? '长期'}`,
            },
            { title: '来源', key: 'source', render: (_, q) => SOURCE[q.source] ?? q.source },
            {
              title: '状态',
              key: 'status',
              render: (_, q) =>
                q.effective ? (
                  <Tag color="green">享受中</Tag>
                ) : (
                  <Tag>{q.status === 'revoked' ? '已撤销' : '已终止'}</Tag>
                ),
            },
            { title: '跨省结算', key: 'cross', render: (_, q) => (q.crossProvince ? '可以' : '仅省内') },
          ]}
        />
      </Card>
      <Card title="我的申请记录" size="small">
        <Table<Application>
          rowKey="applicationId"
          size="small"
          loading={apps.loading}
          dataSource={apps.data?.applications ?? []}
          scroll={{ x: 640 }}
          locale={{ emptyText: '暂无申请' }}
          columns={[
            { title: '申请编号', dataIndex: 'applicationId' },
            { title: '病种', key: 'disease', render: (_, a) => nameOf(a.diseaseCode) },
            { title: '申报日期', dataIndex: 'appliedOn' },
            { title: '材料', key: 'materials', render: (_, a) => `${a.materials.length} 份` },
            {
              title: '状态',
              key: 'status',
              render: (_, a) => <Tag color={APP_STATUS[a.status].color}>{APP_STATUS[a.status].text}</Tag>,
            },
            {
              title: '审核意见',
              key: 'note',
              render: (_, a) => (a.decidedAt ? `${chinaTime(a.decidedAt)} ${a.decisionNote ?? ''}` : '—'),
            },
          ]}
        />
      </Card>
    </>
  );
}
