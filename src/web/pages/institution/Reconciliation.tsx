/**
 * 对账 — the institution's own figures: settlements of the last days, 对总账 (3201) per insurance type and
 * clearing category for a date range, and 对明细账 (3202) of a list it uploads (CSV or JSON with the
 * national field names) with every difference explained. Amounts arrive in fen and are shown in yuan.
 */
import { Alert, Button, Card, Checkbox, Input, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { type ChangeEvent, useEffect, useRef, useState } from 'react';
import { ApiError, api, query } from '../../api.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useApi } from '../../hooks.ts';
import { fenToYuan, yuanToFen } from '../../money.ts';
import type {
  DetailDifferenceView,
  DetailReconciliationView,
  InstitutionSettlementDays,
  InstitutionTotals,
  InstitutionTotalsFigures,
  TotalsCheckView,
} from '../../types.ts';

export const DIFFERENCE_KIND: Record<DetailDifferenceView['kind'], { label: string; color: string }> = {
  missing_on_platform: { label: '平台无此结算', color: 'red' },
  missing_at_institution: { label: '机构未列此结算', color: 'orange' },
  mismatch: { label: '金额或信息不一致', color: 'gold' },
};

const FIELD_LABELS: Record<string, string> = {
  visitId: '就诊ID',
  psnNo: '人员编号',
  medicalTotalFen: '医疗费总额',
  fundPayFen: '基金支付',
  accountPayFen: '个人账户支付',
  refund: '退费标志',
};

const COLUMNS_HINT = 'setl_id,mdtrt_id,psn_no,medfee_sumamt,fund_pay_sumamt,acct_pay,refd_setl_flag';

function showValue(field: string, v: string | number | boolean): string {
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'number' && field.endsWith('Fen')) return `${fenToYuan(v)} 元`;
  return String(v);
}

function SettlementDays() {
  const { data, error } = useApi<InstitutionSettlementDays>('/api/institution/settlement-days?days=7');
  const today = data?.days[0];
  return (
    <Card title="结算日报（近 7 日）" style={{ marginBottom: 16 }} data-testid="settlement-days">
      <ErrorAlert error={error} />
      <Space size="large" wrap style={{ marginBottom: 12 }}>
        <Statistic title="今日结算笔数" value={today?.settlementCount ?? 0} />
        <Statistic title="今日撤销笔数" value={today?.reversalCount ?? 0} />
        <Statistic title="今日医疗费总额（元）" value={fenToYuan(today?.medicalTotalFen ?? 0)} />
        <Statistic title="今日基金支付（元）" value={fenToYuan(today?.fundPayFen ?? 0)} />
      </Space>
      <Table
        size="small"
        rowKey="date"
        pagination={false}
        dataSource={data?.days ?? []}
        scroll={{ x: 720 }}
        columns={[
          { title: '日期', dataIndex: 'date' },
          { title: '结算笔数', dataIndex: 'settlementCount' },
          { title: '撤销笔数', dataIndex: 'reversalCount' },
          { title: '医疗费总额（净）', dataIndex: 'medicalTotalFen', render: fenToYuan, align: 'right' },
          { title: '基金支付', dataIndex: 'fundPayFen', render: fenToYuan, align: 'right' },
          { title: '个人账户', dataIndex: 'accountPayFen', render: fenToYuan, align: 'right' },
          { title: '现金', dataIndex: 'cashFen', render: fenToYuan, align: 'right' },
        ]}
      />
    </Card>
  );
}

function TotalsTable(props: { totals: InstitutionTotals }) {
  const { groups, total } = props.totals;
  return (
    <Table
      size="small"
      data-testid="totals-table"
      rowKey={(g) => `${g.insuranceType}-${g.clearingType}`}
      pagination={false}
      dataSource={groups}
      scroll={{ x: 760 }}
      locale={{ emptyText: '所选期间本机构没有结算' }}
      columns={[
        { title: '险种', dataIndex: 'insuranceTypeName' },
        {
          title: '清算类别',
          dataIndex: 'clearingTypeName',
          render: (name: string, g) => `${name}（${g.clearingType}）`,
        },
        { title: '结算笔数', dataIndex: 'settlementCount', align: 'right' },
        { title: '医疗费总额', dataIndex: 'medicalTotalFen', render: fenToYuan, align: 'right' },
        { title: '基金支付总额', dataIndex: 'fundPayFen', render: fenToYuan, align: 'right' },
        { title: '个人账户支付', dataIndex: 'accountPayFen', render: fenToYuan, align: 'right' },
      ]}
      summary={() =>
        groups.length === 0 ? null : (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={2}>
              <strong>合计</strong>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={2} align="right">
              <span data-testid="total-count">{total.settlementCount}</span>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={3} align="right">
              <span data-testid="total-medical">{fenToYuan(total.medicalTotalFen)}</span>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={4} align="right">
              {fenToYuan(total.fundPayFen)}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={5} align="right">
              {fenToYuan(total.accountPayFen)}
            </Table.Summary.Cell>
          </Table.Summary.Row>
        )
      }
    />
  );
}

type FigureKey = keyof InstitutionTotalsFigures;

const FIGURES: { key: FigureKey; label: string; money: boolean }[] = [
  { key: 'medicalTotalFen', label: '医疗费总额（元）', money: true },
  { key: 'fundPayFen', label: '基金支付总额（元）', money: true },
  { key: 'accountPayFen', label: '个人账户支付（元）', money: true },
  { key: 'settlementCount', label: '结算笔数', money: false },
];

/** The typed figures as the API takes them (fen, count), or the first one that is not a valid number. */
function statedFigures(
  typed: Record<FigureKey, string>,
): { ok: true; value: InstitutionTotalsFigures } | { ok: false; message: string } {
  const value = {} as InstitutionTotalsFigures;
  for (const f of FIGURES) {
    const text = typed[f.key].trim();
    const n = f.money ? yuanToFen(text) : /^\d{1,10}$/.test(text) ? Number(text) : null;
    if (n === null) {
      const label = f.label.replace('（元）', '');
      return {
        ok: false,
        message: f.money
          ? `${label}须为金额（元），最多两位小数，如 1234.56。`
          : `${label}须为不小于 0 的整数。`,
      };
    }
    value[f.key] = n;
  }
  return { ok: true, value };
}

const EMPTY_TYPED: Record<FigureKey, string> = {
  medicalTotalFen: '',
  fundPayFen: '',
  accountPayFen: '',
  settlementCount: '',
};

/** 3201 of the institution's own figures for one (insurance type, clearing category): 平/不平 per figure. */
function TotalsCheck(props: { totals: InstitutionTotals }) {
  const { totals } = props;
  const [pair, setPair] = useState<string>();
  const [typed, setTyped] = useState(EMPTY_TYPED);
  const [invalid, setInvalid] = useState<string>();
  const [answer, setAnswer] = useState<{ stated: InstitutionTotalsFigures; result: TotalsCheckView }>();
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const chosen = totals.groups.find((g) => `${g.insuranceType}-${g.clearingType}` === pair);
  if (totals.groups.length === 0) return null;

  const check = async () => {
    setAnswer(undefined);
    setError(undefined);
    const stated = statedFigures(typed);
    if (!chosen) return setInvalid('请选择险种与清算类别。');
    if (!stated.ok) return setInvalid(stated.message);
    setInvalid(undefined);
    setBusy(true);
    try {
      const result = await api.post<TotalsCheckView>('/api/institution/reconciliation/totals', {
        beginDate: totals.beginDate,
        endDate: totals.endDate,
        includesRefunds: totals.includesRefunds,
        insuranceType: chosen.insuranceType,
        clearingType: chosen.clearingType,
        institution: stated.value,
      });
      setAnswer({ stated: stated.value, result });
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, 'ERROR', String(err)));
    } finally {
      setBusy(false);
    }
  };

  const differing = new Map(answer?.result.differences.map((d) => [d.field, d]) ?? []);
  const show = (key: FigureKey, v: number) => (key === 'settlementCount' ? String(v) : fenToYuan(v));
  return (
    <div data-testid="totals-check" style={{ marginTop: 16 }}>
      <Typography.Title level={5}>核对本机构合计</Typography.Title>
      <Typography.Paragraph type="secondary">
        选择险种与清算类别，填入本机构 HIS 统计的同期合计（金额以元为单位），逐项显示平或不平。
      </Typography.Paragraph>
      <Space wrap align="end" style={{ marginBottom: 12 }}>
        <Select
          aria-label="险种与清算类别"
          data-testid="check-pair"
          placeholder="险种与清算类别"
          style={{ minWidth: 260 }}
          value={pair}
          onChange={(v: string) => {
            setPair(v);
            setAnswer(undefined);
          }}
          options={totals.groups.map((g) => ({
            value: `${g.insuranceType}-${g.clearingType}`,
            label: `${g.insuranceTypeName} · ${g.clearingTypeName}（${g.clearingType}）`,
          }))}
        />
        {FIGURES.map((f) => (
          <Input
            key={f.key}
            id={`check-${f.key}`}
            aria-label={f.label}
            placeholder={f.label}
            inputMode={f.money ? 'decimal' : 'numeric'}
            value={typed[f.key]}
            onChange={(e) => setTyped({ ...typed, [f.key]: e.target.value })}
            style={{ width: 170 }}
          />
        ))}
        <Button onClick={() => void check()} loading={busy} data-testid="check-totals">
          核对
        </Button>
      </Space>
      {invalid && <Alert type="error" showIcon title={invalid} style={{ marginBottom: 12 }} />}
      <ErrorAlert error={error} />
      {answer && (
        <>
          <Alert
            type={answer.result.balanced ? 'success' : 'warning'}
            showIcon
            data-testid={answer.result.balanced ? 'check-balanced' : 'check-unbalanced'}
            title={answer.result.explanation}
            style={{ marginBottom: 12 }}
          />
          <Table
            size="small"
            data-testid="check-table"
            rowKey="key"
            pagination={false}
            scroll={{ x: 560 }}
            dataSource={FIGURES.map((f) => ({
              key: f.key,
              label: f.label,
              institution: show(f.key, answer.stated[f.key]),
              platform: show(f.key, answer.result.platform[f.key]),
              delta: differing.has(f.key) ? show(f.key, differing.get(f.key)!.delta) : '—',
              balanced: !differing.has(f.key),
            }))}
            columns={[
              { title: '项目', dataIndex: 'label' },
              { title: '机构', dataIndex: 'institution', align: 'right' },
              { title: '平台', dataIndex: 'platform', align: 'right' },
              { title: '差额（机构 − 平台）', dataIndex: 'delta', align: 'right' },
              {
                title: '结果',
                dataIndex: 'balanced',
                render: (ok: boolean) => <Tag color={ok ? 'green' : 'red'}>{ok ? '平' : '不平'}</Tag>,
              },
            ]}
          />
        </>
      )}
    </div>
  );
}

function DifferencesTable(props: { result: DetailReconciliationView }) {
  const r = props.result;
  return (
    <>
      {r.balanced ? (
        <Alert
          type="success"
          showIcon
          data-testid="details-balanced"
          title={`明细对平：共 ${r.matchedCount} 笔，与平台一致。`}
          style={{ marginBottom: 12 }}
        />
      ) : (
        <Alert
          type="warning"
          showIcon
          data-testid="details-unbalanced"
          title={`明细不平：机构 ${r.institutionCount} 笔、平台 ${r.platformCount} 笔，一致 ${r.matchedCount} 笔，差异 ${r.differences.length} 笔。`}
          style={{ marginBottom: 12 }}
        />
      )}
      <Table
        size="small"
        data-testid="differences-table"
        rowKey="settlementId"
        dataSource={r.differences}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 900 }}
        locale={{ emptyText: '没有差异' }}
        columns={[
          { title: '结算ID', dataIndex: 'settlementId', width: 190 },
          {
            title: '差异类型',
            dataIndex: 'kind',
            width: 140,
            render: (k: DetailDifferenceView['kind']) => (
              <Tag color={DIFFERENCE_KIND[k].color}>{DIFFERENCE_KIND[k].label}</Tag>
            ),
          },
          {
            title: '差异字段（机构 / 平台）',
            dataIndex: 'fields',
            width: 240,
            render: (fields: DetailDifferenceView['fields']) =>
              fields.length === 0
                ? '—'
                : fields.map((f) => (
                    <div key={f.field}>
                      {FIELD_LABELS[f.field] ?? f.field}：{showValue(f.field, f.institution)} /{' '}
                      {showValue(f.field, f.platform)}
                    </div>
                  )),
          },
          { title: '说明与处理', dataIndex: 'message' },
        ]}
      />
    </>
  );
}

function firstOfMonth(date: string): string {
  return `${date.slice(0, 8)}01`;
}

export function Reconciliation() {
  const days = useApi<InstitutionSettlementDays>('/api/institution/settlement-days?days=1');
  const [beginDate, setBeginDate] = useState('');
  const [endDate, setEndDate] = useState('');
  const [includesRefunds, setIncludesRefunds] = useState(true);
  const [asked, setAsked] = useState<string | null>(null);
  const totals = useApi<InstitutionTotals>(asked);
  const [details, setDetails] = useState<DetailReconciliationView>();
  const [detailsError, setDetailsError] = useState<ApiError>();
  const [fileName, setFileName] = useState<string>();
  const [busy, setBusy] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  // The default range is this month up to today, in the server's (China) calendar.
  useEffect(() => {
    const today = days.data?.today;
    if (!today || beginDate) return;
    setBeginDate(firstOfMonth(today));
    setEndDate(today);
    setAsked(
      `/api/institution/reconciliation/totals${query({ beginDate: firstOfMonth(today), endDate: today })}`,
    );
  }, [days.data, beginDate]);

  const showTotals = () => {
    setDetails(undefined);
    setAsked(
      `/api/institution/reconciliation/totals${query({ beginDate, endDate, includesRefunds: String(includesRefunds) })}`,
    );
  };

  const upload = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    setFileName(file.name);
    setDetails(undefined);
    setDetailsError(undefined);
    setBusy(true);
    try {
      const content = await file.text();
      const format = file.name.toLowerCase().endsWith('.json') ? 'json' : 'csv';
      setDetails(
        await api.post<DetailReconciliationView>('/api/institution/reconciliation/details', {
          beginDate,
          endDate,
          includesRefunds,
          format,
          content,
        }),
      );
    } catch (err) {
      setDetailsError(err instanceof ApiError ? err : new ApiError(0, 'ERROR', String(err)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageTitle>对账</PageTitle>
      <SettlementDays />
      <Card title="对总账（3201）" style={{ marginBottom: 16 }}>
        <Space wrap style={{ marginBottom: 12 }}>
          <Input
            type="date"
            id="begin-date"
            aria-label="开始日期"
            value={beginDate}
            onChange={(e) => setBeginDate(e.target.value)}
            style={{ width: 160 }}
          />
          <span>至</span>
          <Input
            type="date"
            id="end-date"
            aria-label="结束日期"
            value={endDate}
            onChange={(e) => setEndDate(e.target.value)}
            style={{ width: 160 }}
          />
          <Checkbox checked={includesRefunds} onChange={(e) => setIncludesRefunds(e.target.checked)}>
            含退费（撤销）
          </Checkbox>
          <Button type="primary" onClick={showTotals} data-testid="show-totals">
            查询
          </Button>
        </Space>
        <ErrorAlert error={totals.error} />
        {totals.data && <TotalsTable totals={totals.data} />}
        {totals.data && <TotalsCheck key={asked ?? ''} totals={totals.data} />}
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          按结算时间（北京时间）统计平台已记账的结算；含退费时，撤销记为一笔负数金额的结算。
        </Typography.Paragraph>
      </Card>
      <Card title="对明细账（3202）">
        <Typography.Paragraph>
          上传本机构在上述期间的结算明细（CSV 首行为列名，或 JSON 数组），列名用国家接口字段：
          <Typography.Text code>{COLUMNS_HINT}</Typography.Text>
          ；金额以元为单位，退费为负数、refd_setl_flag 填 1。
        </Typography.Paragraph>
        <Space wrap style={{ marginBottom: 12 }}>
          <Button
            onClick={() => fileInput.current?.click()}
            disabled={!beginDate || !endDate || busy}
            data-testid="choose-detail-file"
          >
            选择明细文件
          </Button>
          <input
            ref={fileInput}
            id="detail-file"
            data-testid="detail-file"
            type="file"
            accept=".csv,.json,text/csv,application/json"
            onChange={(e) => void upload(e)}
            style={{ display: 'none' }}
          />
          {fileName && (
            <Typography.Text type="secondary">{busy ? `正在对账：${fileName}` : fileName}</Typography.Text>
          )}
        </Space>
        <ErrorAlert error={detailsError} />
        {details && <DifferencesTable result={details} />}
      </Card>
    </>
  );
}
