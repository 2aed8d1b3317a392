/**
 * 手工报销（R-R1…R-R3）— the bills the hospitals uploaded for visits that were not settled directly,
 * the insured region's published list of materials, filing a claim, uploading materials one by one, and
 * following each claim: status, deadline and working days left, what was returned, the decided amount.
 * Amounts arrive as integer fen and are only formatted here (money.ts); every rule is the server's.
 */
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Descriptions,
  List,
  Popconfirm,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../../api.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useApi } from '../../hooks.ts';
import { fenToYuan } from '../../money.ts';
import { chinaTime, daysLeftText, MATERIAL_ACCEPT, materialProblem, readAsBase64 } from './case-kit.ts';
import { usePerson } from './PersonGuard.tsx';

interface Bill {
  uploadId: string;
  institutionCode: string;
  hospitalVisitNo: string;
  kind: 'outpatient' | 'inpatient';
  beginTime: string;
  endTime: string;
  totalFen: number;
  uploadedLate: boolean;
}

interface MaterialList {
  regionCode: string;
  nameZh: string;
  sourceZh: string;
  items: { code: string; nameZh: string; when: string; noteZh?: string }[];
}

interface ClaimView {
  claimId: string;
  uploadId: string;
  status: string;
  statusZh: string;
  billTotalFen: number;
  inpatient: boolean;
  accident: boolean;
  materials: { code: string; nameZh: string; provided: boolean }[];
  missingMaterials: string[];
  returnCount: number;
  returnedFor: string[];
  returnNote: string | null;
  submittedAt: string;
  deadline: { date: string; workingDays: number; fastTrack: boolean; basis: string; reasonZh: string };
  clock: { deadlineDate: string; workingDaysLeft: number; overdue: boolean };
  decidedAt: string | null;
  approvedFen: number | null;
  rejectionReason: string | null;
  paidAt: string | null;
  netPaidFen: number;
}

interface ClaimDetail extends ClaimView {
  bill: { institutionCode: string; hospitalVisitNo: string; kind: string; beginTime: string } | null;
}

const WHEN: Record<string, string> = {
  always: '均需提供',
  inpatient: '住院时',
  outpatient: '门诊时',
  accident: '意外伤害时',
  emergency: '急诊抢救时',
};
const STATUS_COLOR: Record<string, string> = {
  submitted: 'blue',
  resubmitted: 'blue',
  returned: 'orange',
  accepted: 'processing',
  approved: 'green',
  paid: 'green',
  rejected: 'red',
  withdrawn: 'default',
};
const OPEN = new Set(['submitted', 'returned', 'resubmitted', 'accepted']);
const CAN_UPLOAD = new Set(['submitted', 'returned', 'resubmitted']);

const message = (e: unknown) => (e instanceof ApiError || e instanceof Error ? e.message : String(e));

export function MyClaims() {
  const person = usePerson();
  const region = person?.insuredRegionCode;
  const bills = useApi<{ items: Bill[] }>('/api/reimbursement/bills');
  const claims = useApi<{ items: ClaimView[] }>('/api/reimbursement/claims');
  const list = useApi<MaterialList>(region ? `/api/reimbursement/material-lists/${region}` : null);
  const [selected, setSelected] = useState<string>();
  const detail = useApi<ClaimDetail>(
    selected ? `/api/reimbursement/claims/${encodeURIComponent(selected)}` : null,
  );
  const [accident, setAccident] = useState<Record<string, boolean>>({});
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [busy, setBusy] = useState<string>();

  const claimedUploads = new Map(
    (claims.data?.items ?? []).filter((c) => c.status !== 'withdrawn').map((c) => [c.uploadId, c]),
  );

  const run = async (key: string, work: () => Promise<string>) => {
    setError(undefined);
    setNotice(undefined);
    setBusy(key);
    try {
      setNotice(await work());
      claims.reload();
      detail.reload();
    } catch (e) {
      setError(message(e));
    } finally {
      setBusy(undefined);
    }
  };

  const file = (bill: Bill) =>
    run(`file-${bill.uploadId}`, async () => {
      const claim = await api.post<ClaimView>('/api/reimbursement/claims', {
        uploadId: bill.uploadId,
        accident: !!accident[bill.uploadId],
      });
      setSelected(claim.claimId);
      return `报销申请已提交（编号 ${claim.claimId}），请按清单上传材料。办结期限 ${claim.deadline.date}（${claim.deadline.reasonZh}）。`;
    });

  const upload = (claimId: string, itemCode: string, f: File) =>
    run(`upload-${itemCode}`, async () => {
      const problem = materialProblem(f);
      if (problem) throw new Error(problem);
      const content = await readAsBase64(f);
      await api.post<ClaimView>(`/api/reimbursement/claims/${encodeURIComponent(claimId)}/materials`, {
        materials: [{ itemCode, ...content }],
      });
      return `已上传“${f.name}”。`;
    });

  const act = (claimId: string, action: 'resubmit' | 'withdraw', done: string) =>
    run(`${action}-${claimId}`, async () => {
      await api.post(`/api/reimbursement/claims/${encodeURIComponent(claimId)}/${action}`, {});
      return done;
    });

  const d = detail.data;
  return (
    <>
      <PageTitle>手工报销</PageTitle>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      {notice && (
        <Alert
          data-testid="claim-notice"
          type="success"
          showIcon
          title={notice}
          style={{ marginBottom: 16 }}
        />
      )}
      <ErrorAlert error={bills.error ?? claims.error} />
      <Card title="可申请报销的费用（医院已上传）" size="small" style={{ marginBottom: 16 }}>
        <Table<Bill>
          rowKey="uploadId"
          size="small"
          loading={bills.loading}
          dataSource={bills.data?.items ?? []}
          pagination={false}
          scroll={{ x: 640 }}
          locale={{ emptyText: '暂无未直接结算的费用；如医院尚未上传，请联系就诊医院' }}
          columns={[
            { title: '就诊机构', dataIndex: 'institutionCode' },
            { title: '类别', key: 'kind', render: (_, b) => (b.kind === 'inpatient' ? '住院' : '门诊') },
            { title: '就诊时间', key: 'time', render: (_, b) => chinaTime(b.beginTime) },
            { title: '费用总额（元）', key: 'total', render: (_, b) => fenToYuan(b.totalFen) },
            {
              title: '操作',
              key: 'op',
              render: (_, b) => {
                const claimed = claimedUploads.get(b.uploadId);
                if (claimed)
                  return (
                    <Button size="small" onClick={() => setSelected(claimed.claimId)}>
                      已申请 · 查看
                    </Button>
                  );
                return (
                  <Space wrap>
                    <Checkbox
                      checked={!!accident[b.uploadId]}
                      onChange={(e) => setAccident({ ...accident, [b.uploadId]: e.target.checked })}
                    >
                      涉及意外伤害
                    </Checkbox>
                    <Button
                      type="primary"
                      size="small"
                      data-testid="file-claim"
                      loading={busy === `file-${b.uploadId}`}
                      onClick={() => file(b)}
                    >
                      申请报销
                    </Button>
                  </Space>
                );
              },
            },
          ]}
        />
      </Card>
      <Card title="我的报销申请" size="small" style={{ marginBottom: 16 }}>
        <Table<ClaimView>
          rowKey="claimId"
          size="small"
          loading={claims.loading}
          dataSource={claims.data?.items ?? []}
          scroll={{ x: 720 }}
          locale={{ emptyText: '暂无报销申请' }}
          columns={[
            { title: '申请编号', dataIndex: 'claimId' },
            {
              title: '状态',
              key: 'status',
              render: (_, c) => <Tag color={STATUS_COLOR[c.status]}>{c.statusZh}</Tag>,
            },
            { title: '费用总额（元）', key: 'total', render: (_, c) => fenToYuan(c.billTotalFen) },
            {
              title: '办结期限',
              key: 'deadline',
              render: (_, c) =>
                OPEN.has(c.status) ? (
                  <span>
                    {c.clock.deadlineDate}{' '}
                    <Tag color={c.clock.overdue ? 'red' : 'blue'}>{daysLeftText(c.clock)}</Tag>
                  </span>
                ) : (
                  (c.decidedAt && chinaTime(c.decidedAt)) || '—'
                ),
            },
            {
              title: '核准金额（元）',
              key: 'approved',
              render: (_, c) => (c.approvedFen === null ? '—' : fenToYuan(c.approvedFen)),
            },
            {
              title: '操作',
              key: 'op',
              render: (_, c) => (
                <Button size="small" data-testid="claim-open" onClick={() => setSelected(c.claimId)}>
                  详情与材料
                </Button>
              ),
            },
          ]}
        />
      </Card>
      {selected && (
        <Card
          title={`报销申请 ${selected}`}
          size="small"
          style={{ marginBottom: 16 }}
          loading={detail.loading && !d}
          data-testid="claim-detail"
        >
          <ErrorAlert error={detail.error} />
          {d && (
            <>
              <Descriptions size="small" column={{ xs: 1, sm: 2 }} style={{ marginBottom: 12 }}>
                <Descriptions.Item label="状态">
                  <Tag color={STATUS_COLOR[d.status]}>{d.statusZh}</Tag>
                </Descriptions.Item>
                <Descriptions.Item label="提交时间">{chinaTime(d.submittedAt)}</Descriptions.Item>
                <Descriptions.Item label="费用总额">{fenToYuan(d.billTotalFen)} 元</Descriptions.Item>
                <Descriptions.Item label="办结期限">
                  {d.clock.deadlineDate}
                  {OPEN.has(d.status) ? `（${daysLeftText(d.clock)}）` : ''}
                </Descriptions.Item>
                <Descriptions.Item label="期限依据">{d.deadline.reasonZh}</Descriptions.Item>
                <Descriptions.Item label="核准金额">
                  {d.approvedFen === null ? '尚未核准' : `${fenToYuan(d.approvedFen)} 元`}
                </Descriptions.Item>
                {d.netPaidFen !== 0 && (
                  <Descriptions.Item label="已支付">{fenToYuan(d.netPaidFen)} 元</Descriptions.Item>
                )}
                {d.rejectionReason && (
                  <Descriptions.Item label="不予报销理由">{d.rejectionReason}</Descriptions.Item>
                )}
              </Descriptions>
              {d.status === 'returned' && (
                <Alert
                  type="warning"
                  showIcon
                  style={{ marginBottom: 12 }}
                  title={`经办机构退回补正，请补充：${d.returnedFor
                    .map((code) => d.materials.find((m) => m.code === code)?.nameZh ?? code)
                    .join('、')}`}
                  description={d.returnNote ?? '补齐后点击“重新提交”（退回补正仅一次）。'}
                />
              )}
              <Typography.Text strong>材料清单</Typography.Text>
              <List
                size="small"
                dataSource={d.materials}
                renderItem={(m) => (
                  <List.Item
                    actions={
                      CAN_UPLOAD.has(d.status)
                        ? [
                            <Upload
                              key="up"
                              accept={MATERIAL_ACCEPT}
                              showUploadList={false}
                              beforeUpload={(f) => {
                                void upload(d.claimId, m.code, f);
                                return false;
                              }}
                            >
                              <Button
                                size="small"
                                loading={busy === `upload-${m.code}`}
                                data-testid={`upload-${m.code}`}
                              >
                                {m.provided ? '重新上传' : '上传'}
                              </Button>
                            </Upload>,
                          ]
                        : []
                    }
                  >
                    <Space wrap>
                      {m.provided ? <Tag color="green">已提供</Tag> : <Tag color="orange">未提供</Tag>}
                      <span>{m.nameZh}</span>
                    </Space>
                  </List.Item>
                )}
              />
              <Space wrap style={{ marginTop: 12 }}>
                {d.status === 'returned' && (
                  <Button
                    type="primary"
                    loading={busy === `resubmit-${d.claimId}`}
                    onClick={() => act(d.claimId, 'resubmit', '已重新提交，等待经办机构受理。')}
                  >
                    重新提交
                  </Button>
                )}
                {OPEN.has(d.status) && (
                  <Popconfirm
                    title="确定撤回这份报销申请？"
                    okText="撤回"
                    cancelText="取消"
                    onConfirm={() => act(d.claimId, 'withdraw', '报销申请已撤回。')}
                  >
                    <Button danger loading={busy === `withdraw-${d.claimId}`}>
                      撤回申请
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            </>
          )}
        </Card>
      )}
      <Card title={list.data?.nameZh ?? '参保地手工报销材料清单'} size="small">
        <ErrorAlert error={list.error} />
        <List
          size="small"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          renderItem={(i) => (
            <List.Item>
              <Space wrap>
                <Tag>{WHEN[i.when] ?? i.when}</Tag>
                <span>{i.nameZh}</span>
                {i.noteZh && <Typography.Text type="secondary">{i.noteZh}</Typography.Text>}
              </Space>
            </List.Item>
          )}
        />
        {list.data && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            {list.data.sourceZh}。费用明细由医院上传，无需您提供。
          </Typography.Paragraph>
        )}
      </Card>
    </>
  );
}
