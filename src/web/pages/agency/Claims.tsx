/**
 * 手工报销 — the region's manual claims with their deadline and working days left (R-R2), and the
 * decisions: return once for listed missing items, accept, approve (the amount is the settlement core's,
 * previewed here from GET …/computation and never typed in), reject with a reason, record the payment.
 */
import {
  Alert,
  Button,
  Checkbox,
  Descriptions,
  Empty,
  Input,
  Modal,
  Segmented,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useApi } from '../../hooks.ts';
import { fenToYuan } from '../../money.ts';
import {
  type TextPrompt,
  TextPromptModal,
  time,
  useDecision,
  usePhone,
  workingDaysTag,
} from './case-kit.tsx';

interface Claim {
  claimId: string;
  psnNo: string;
  uploadId: string;
  channel: 'online' | 'window';
  status: string;
  statusZh: string;
  billTotalFen: number;
  inpatient: boolean;
  accident: boolean;
  materials: { code: string; nameZh: string; provided: boolean }[];
  missingMaterials: string[];
  returnCount: number;
  returnedFor: string[];
  submittedAt: string;
  deadline: { date: string; workingDays: number; fastTrack: boolean; reasonZh: string; basis: string };
  clock: { deadlineDate: string; workingDaysLeft: number; overdue: boolean };
  approvedFen: number | null;
  rejectionReason: string | null;
  paymentRef: string | null;
  netPaidFen: number;
}

interface Computation {
  situation: string;
  situationReason: string;
  result: {
    totals: { totalFen: number; fundTotalFen: number; inScopeFen: number; cashFen: number };
    trace: { formulaZh: string }[];
  };
}

const FILTERS = {
  open: 'submitted,returned,resubmitted,accepted,approved',
  done: 'paid,rejected,withdrawn',
} as const;

const enc = encodeURIComponent;

function ApproveModal(props: {
  claim: Claim | undefined;
  onClose: () => void;
  approve: (c: Claim) => Promise<boolean>;
}) {
  const c = props.claim;
  const preview = useApi<Computation>(
    c ? `/api/agency/reimbursement/claims/${enc(c.claimId)}/computation` : null,
  );
  const t = preview.data?.result.totals;
  return (
    <Modal
      title={c ? `核准报销 · ${c.claimId}` : '核准报销'}
      open={c !== undefined}
      okText="按试算结果核准"
      cancelText="取消"
      destroyOnHidden
      okButtonProps={{ disabled: !t }}
      onCancel={props.onClose}
      onOk={async () => {
        if (c && (await props.approve(c))) props.onClose();
      }}
    >
      <ErrorAlert error={preview.error} />
      {preview.loading && <Spin />}
      {t && preview.data && (
        <div data-testid="claim-preview">
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label="医疗费总额">{fenToYuan(t.totalFen)} 元</Descriptions.Item>
            <Descriptions.Item label="政策范围内">{fenToYuan(t.inScopeFen)} 元</Descriptions.Item>
            <Descriptions.Item label="基金应报销">
              <Typography.Text strong data-testid="preview-fund">
                {fenToYuan(t.fundTotalFen)} 元
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label="个人负担">{fenToYuan(t.cashFen)} 元</Descriptions.Item>
            <Descriptions.Item label="就医情形">{preview.data.situationReason}</Descriptions.Item>
          </Descriptions>
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 4 }}>
            计算过程（由结算核心按上传明细和参保地政策计算，核准时按当时累计重新计算）：
          </Typography.Paragraph>
          <ol style={{ paddingLeft: 20, maxHeight: 200, overflow: 'auto' }}>
            {preview.data.result.trace.map((s, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the trace is an ordered, fixed list.
              <li key={i}>{s.formulaZh}</li>
            ))}
          </ol>
        </div>
      )}
    </Modal>
  );
}

function ReturnModal(props: {
  claim: Claim | undefined;
  onClose: () => void;
  send: (c: Claim, missing: string[], note: string) => Promise<boolean>;
}) {
  const c = props.claim;
  const [missing, setMissing] = useState<string[]>([]);
  const [note, setNote] = useState('');
  return (
    <Modal
      title="退回补正（仅可退回一次）"
      open={c !== undefined}
      okText="退回"
      cancelText="取消"
      destroyOnHidden
      afterOpenChange={(open) => {
        if (open && c) {
          setMissing(c.missingMaterials);
          setNote('');
        }
      }}
      okButtonProps={{ danger: true, disabled: missing.length === 0 }}
      onCancel={props.onClose}
      onOk={async () => {
        if (c && (await props.send(c, missing, note.trim()))) props.onClose();
      }}
    >
      <Typography.Paragraph type="secondary">
        请逐项勾选材料清单内缺少的材料；清单以外的材料不得要求提供。
      </Typography.Paragraph>
      <Checkbox.Group
        value={missing}
        onChange={(v) => setMissing(v as string[])}
        style={{ display: 'flex', flexDirection: 'column', gap: 6 }}
        options={(c?.materials ?? []).map((m) => ({
          value: m.code,
          label: `${m.nameZh}${m.provided ? '（已提交）' : '（未提交）'}`,
        }))}
      />
      <Input.TextArea
        value={note}
        onChange={(e) => setNote(e.target.value)}
        maxLength={500}
        rows={2}
        placeholder="补充说明（可选）"
        style={{ marginTop: 12 }}
      />
    </Modal>
  );
}

export function Claims() {
  const [filter, setFilter] = useState<keyof typeof FILTERS>('open');
  const [approving, setApproving] = useState<Claim>();
  const [returning, setReturning] = useState<Claim>();
  const [prompt, setPrompt] = useState<TextPrompt>();
  const phone = usePhone();
  const list = useApi<{ items: Claim[] }>(`/api/agency/reimbursement/claims?status=${FILTERS[filter]}`);
  const { run, busy } = useDecision(list.reload);
  const path = (c: Claim, move: string) => `/api/agency/reimbursement/claims/${enc(c.claimId)}/${move}`;
  const actions = (c: Claim) => {
    const reject = (
      <Button
        size="small"
        danger
        disabled={busy}
        onClick={() =>
          setPrompt({
            title: '不予报销',
            okText: '不予报销',
            danger: true,
            required: true,
            placeholder: '请写明不予报销的理由（依据的规定），将通知参保人',
            onOk: (reason) => run(path(c, 'reject'), { reason }, `已决定不予报销：${c.claimId}`),
          })
        }
      >
        不予报销
      </Button>
    );
    if (c.status === 'submitted' || c.status === 'resubmitted')
      return (
        <Space size={4} wrap orientation={phone ? 'vertical' : 'horizontal'}>
          <Button
            size="small"
            type="primary"
            disabled={busy}
            onClick={() => void run(path(c, 'accept'), {}, `已受理：${c.claimId}`)}
            data-testid={`accept-${c.claimId}`}
          >
            受理
          </Button>
          {c.returnCount === 0 && (
            <Button size="small" disabled={busy} onClick={() => setReturning(c)}>
              退回补正
            </Button>
          )}
          {reject}
        </Space>
      );
    if (c.status === 'accepted')
      return (
        <Space size={4} wrap orientation={phone ? 'vertical' : 'horizontal'}>
          <Button
            size="small"
            type="primary"
            disabled={busy}
            onClick={() => setApproving(c)}
            data-testid={`approve-${c.claimId}`}
          >
            试算并核准
          </Button>
          {reject}
        </Space>
      );
    if (c.status === 'approved')
      return (
        <Button
          size="small"
          disabled={busy}
          onClick={() =>
            setPrompt({
              title: '登记支付',
              okText: '登记',
              required: true,
              placeholder: '支付流水号（银行或财政支付凭证号）',
              onOk: (paymentRef) => run(path(c, 'pay'), { paymentRef }, `已登记支付：${c.claimId}`),
            })
          }
        >
          登记支付
        </Button>
      );
    if (c.status === 'returned') return <Typography.Text type="secondary">等待补正</Typography.Text>;
    return null;
  };
  return (
    <>
      <PageTitle>手工报销</PageTitle>
      <TextPromptModal prompt={prompt} onClose={() => setPrompt(undefined)} />
      <ApproveModal
        claim={approving}
        onClose={() => setApproving(undefined)}
        approve={(c) => run(path(c, 'approve'), {}, `已核准：${c.claimId}`)}
      />
      <ReturnModal
        claim={returning}
        onClose={() => setReturning(undefined)}
        send={(c, missing, note) =>
          run(path(c, 'return'), { missing, ...(note ? { note } : {}) }, `已退回补正：${c.claimId}`)
        }
      />
      <Typography.Paragraph type="secondary">
        自受理之日起 30 个工作日办结；单笔超 5 万元、材料齐全且非意外伤害的 7
        个工作日办结。报销金额由结算核心计算，不可手工填写。
      </Typography.Paragraph>
      <Segmented
        value={filter}
        onChange={(v) => setFilter(v as keyof typeof FILTERS)}
        options={[
          { value: 'open', label: '办理中' },
          { value: 'done', label: '已办结' },
        ]}
        style={{ marginBottom: 12 }}
      />
      <ErrorAlert error={list.error} />
      <Table<Claim>
        rowKey="claimId"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 980 }}
        locale={{ emptyText: <Empty description="暂无手工报销申请" /> }}
        columns={[
          { title: '申请编号', dataIndex: 'claimId', width: 150 },
          { title: '人员编号', dataIndex: 'psnNo', width: 100 },
          {
            title: '费用',
            key: 'bill',
            width: 130,
            render: (_, c) => (
              <Space orientation="vertical" size={0}>
                <span>{fenToYuan(c.billTotalFen)} 元</span>
                <Typography.Text type="secondary">
                  {c.inpatient ? '住院' : '门诊'}
                  {c.accident ? ' · 意外伤害' : ''}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: '材料',
            key: 'materials',
            width: 170,
            render: (_, c) =>
              c.missingMaterials.length === 0 ? (
                <Tag color="green">材料齐全</Tag>
              ) : (
                <Space orientation="vertical" size={0}>
                  <Tag color="orange">缺 {c.missingMaterials.length} 项</Tag>
                  <Typography.Text type="secondary">
                    {c.materials
                      .filter((m) => c.missingMaterials.includes(m.code))
                      .map((m) => m.nameZh)
                      .join('；')}
                  </Typography.Text>
                </Space>
              ),
          },
          {
            title: '状态',
            key: 'status',
            width: 150,
            render: (_, c) => (
              <Space orientation="vertical" size={0}>
                <Tag color="blue">{c.statusZh}</Tag>
                {c.approvedFen !== null && (
                  <Typography.Text data-testid={`approved-${c.claimId}`}>
                    核准 {fenToYuan(c.approvedFen)} 元
                  </Typography.Text>
                )}
                {c.rejectionReason && <Typography.Text type="secondary">{c.rejectionReason}</Typography.Text>}
                {c.paymentRef && <Typography.Text type="secondary">支付 {c.paymentRef}</Typography.Text>}
              </Space>
            ),
          },
          {
            title: '办结期限',
            key: 'deadline',
            width: 170,
            render: (_, c) => (
              <Space orientation="vertical" size={0}>
                <span>
                  {c.clock.deadlineDate}
                  {c.deadline.fastTrack ? '（大额快速办）' : ''}
                </span>
                {['submitted', 'returned', 'resubmitted', 'accepted'].includes(c.status) ? (
                  workingDaysTag(c.clock.workingDaysLeft, c.clock.overdue)
                ) : (
                  <Typography.Text type="secondary">
                    {c.deadline.basis === 'accepted' ? '' : '暂定'}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          { title: '提交时间', dataIndex: 'submittedAt', width: 140, render: (v: string) => time(v) },
          {
            title: '办理',
            key: 'act',
            width: phone ? 104 : 200,
            fixed: phone ? 'right' : undefined,
            render: (_, c) => actions(c),
          },
        ]}
      />
      {filter === 'open' && (list.data?.items ?? []).some((c) => c.clock.overdue) && (
        <Alert type="warning" showIcon style={{ marginTop: 12 }} title="有申请已超过办结期限，请优先办理。" />
      )}
    </>
  );
}
