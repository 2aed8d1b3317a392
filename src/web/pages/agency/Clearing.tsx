/**
 * 清算对账单 (R-S3) — the inter-region clearing as this region's staff see it: a period (草稿 or 已关账),
 * the region's position (应收, 应付, 轧差, 预付金), the statements where it is the insured region (应付)
 * or the treatment region (应收), and what it owes its own institutions. A statement opens in a drawer:
 * fund lines, history, the settlements one by one (paged), CSV / XLSX / print, and — for the insured
 * region only — confirm or dispute. The server decides every figure and every permission.
 */
import {
  Button,
  Card,
  Col,
  Descriptions,
  Drawer,
  Empty,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useApi } from '../../hooks.ts';
import { fenToYuan } from '../../money.ts';
import { type TextPrompt, TextPromptModal, time, useDecision, usePhone } from './case-kit.tsx';

type State = 'pending' | 'confirmed' | 'disputed';
type Side = 'payable' | 'receivable';

interface PeriodItem {
  period: string;
  status: 'draft' | 'closed';
  runId: string;
  runNo: number;
  runAt: string;
  closedAt: string | null;
}

interface StatementSummary {
  statementId: string;
  period: string;
  insuredRegionCode: string;
  treatmentRegionCode: string;
  settlementCount: number;
  adjustmentCount: number;
  medicalTotalFen: number;
  fundTotalFen: number;
  accountTotalFen: number;
  adjustmentFen: number;
  totalFen: number;
  state: State;
  side: Side;
  counterpartRegionCode: string;
  counterpartRegionName: string;
  mayDecide: boolean;
}

interface PeriodView {
  period: string;
  status: 'draft' | 'closed';
  closedAt: string | null;
  run: { runId: string; runNo: number; rangeStart: string; rangeEnd: string; createdAt: string };
  regionCode: string;
  regionName: string;
  position: {
    receivableFen: number;
    payableFen: number;
    netFen: number;
    advanceHeldFen: number;
    advancePaidFen: number;
    netAfterAdvanceFen: number;
  };
  statements: StatementSummary[];
  institutionPayables: {
    institutionCode: string;
    institutionName: string;
    amountFen: number;
    settlementCount: number;
  }[];
}

interface StatementDetail extends StatementSummary {
  periodStatus: 'draft' | 'closed';
  current: boolean;
  lines: { fundType: string; fundName: string; amountFen: number; adjustmentFen: number; rowCount: number }[];
  events: { action: string; reason: string; actor: string; at: string }[];
}

interface DrillRow {
  settlementId: string;
  visitId: string;
  psnNo: string;
  institutionCode: string;
  settledAt: string;
  kind: 'settlement' | 'reversal';
  adjustment: boolean;
  medicalTotalFen: number;
  clearingFen: number;
}

const enc = encodeURIComponent;
const BASE = '/api/agency/clearing';
const PAGE_SIZE = 20;

const STATE_TAGS: Record<State, { color: string; label: string }> = {
  pending: { color: 'gold', label: '待确认' },
  confirmed: { color: 'green', label: '已确认' },
  disputed: { color: 'red', label: '有争议' },
};

function stateTag(state: State) {
  const t = STATE_TAGS[state];
  return <Tag color={t.color}>{t.label}</Tag>;
}

function sideTag(side: Side) {
  return side === 'payable' ? <Tag color="orange">应付</Tag> : <Tag color="blue">应收</Tag>;
}

const yuan = (fen: number) => `${fenToYuan(fen)} 元`;

function PositionCard(props: { view: PeriodView }) {
  const p = props.view.position;
  const items: [string, number, string][] = [
    ['应收（本地为就医地）', p.receivableFen, 'position-receivable'],
    ['应付（本地为参保地）', p.payableFen, 'position-payable'],
    ['轧差净额', p.netFen, 'position-net'],
    ['持有预付金', p.advanceHeldFen, 'position-advance-held'],
    ['已拨付预付金', p.advancePaidFen, 'position-advance-paid'],
    ['扣除预付金后净额', p.netAfterAdvanceFen, 'position-net-after'],
  ];
  return (
    <Card title={`${props.view.regionName} 清算头寸`} size="small" style={{ marginBottom: 16 }}>
      <Row gutter={[16, 12]}>
        {items.map(([title, fen, id]) => (
          <Col xs={12} md={8} xl={4} key={id}>
            <Statistic title={title} value={fenToYuan(fen)} suffix="元" data-testid={id} />
          </Col>
        ))}
      </Row>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        净额为正表示本地应收回，为负表示本地应支付；扣除预付金后净额为就医地动用所持预付金后仍需划拨的金额。
      </Typography.Paragraph>
    </Card>
  );
}

function DrillDown(props: { statementId: string }) {
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors.at(-1);
  const page = useApi<{ rows: DrillRow[]; nextCursor: string | null }>(
    `${BASE}/statements/${enc(props.statementId)}/settlements?limit=${PAGE_SIZE}${cursor ? `&cursor=${enc(cursor)}` : ''}`,
  );
  const next = page.data?.nextCursor;
  return (
    <>
      <ErrorAlert error={page.error} />
      <Table<DrillRow>
        size="small"
        rowKey="settlementId"
        loading={page.loading}
        dataSource={page.data?.rows ?? []}
        pagination={false}
        scroll={{ x: 640 }}
        data-testid="clearing-drill-down"
        locale={{ emptyText: <Empty description="本页没有结算明细" /> }}
        columns={[
          { title: '结算ID', dataIndex: 'settlementId', width: 130 },
          { title: '机构', dataIndex: 'institutionCode', width: 130 },
          { title: '结算时间', dataIndex: 'settledAt', width: 130, render: (v: string) => time(v) },
          {
            title: '类型',
            key: 'kind',
            width: 90,
            render: (_, r) => (
              <Space size={2} wrap>
                {r.kind === 'reversal' ? <Tag color="red">退费</Tag> : <Tag>结算</Tag>}
                {r.adjustment && <Tag color="purple">跨期</Tag>}
              </Space>
            ),
          },
          { title: '医疗费总额', dataIndex: 'medicalTotalFen', align: 'right', width: 100, render: yuan },
          { title: '清算金额', dataIndex: 'clearingFen', align: 'right', width: 100, render: yuan },
        ]}
      />
      <Space style={{ marginTop: 8 }}>
        <Button
          size="small"
          disabled={cursors.length === 0}
          onClick={() => setCursors((c) => c.slice(0, -1))}
        >
          上一页
        </Button>
        <Typography.Text type="secondary">第 {cursors.length + 1} 页</Typography.Text>
        <Button
          size="small"
          disabled={!next}
          onClick={() => next && setCursors((c) => [...c, next])}
          data-testid="drill-down-next"
        >
          下一页
        </Button>
      </Space>
    </>
  );
}

const ACTION_NAMES: Record<string, string> = { confirm: '确认', dispute: '提出争议' };

function StatementDrawer(props: { id: string | undefined; onClose: () => void; onDecided: () => void }) {
  const detail = useApi<StatementDetail>(props.id ? `${BASE}/statements/${enc(props.id)}` : null);
  const [prompt, setPrompt] = useState<TextPrompt>();
  const { run, busy } = useDecision(() => {
    detail.reload();
    props.onDecided();
  });
  const s = detail.data && detail.data.statementId === props.id ? detail.data : undefined;
  const path = (move: string) => `${BASE}/statements/${enc(s?.statementId ?? '')}/${move}`;
  const files = s ? `${BASE}/statements/${enc(s.statementId)}` : '';
  return (
    <Drawer
      title="清算单详情"
      open={props.id !== undefined}
      onClose={props.onClose}
      size="min(760px, 100vw)"
      destroyOnHidden
    >
      <TextPromptModal prompt={prompt} onClose={() => setPrompt(undefined)} />
      <ErrorAlert error={detail.error} />
      {s && (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
            <Descriptions.Item label="清算单号">
              <Typography.Text style={{ wordBreak: 'break-all' }}>{s.statementId}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label="对方地区">
              {s.counterpartRegionName} {sideTag(s.side)}
            </Descriptions.Item>
            <Descriptions.Item label="状态">
              <span data-testid="statement-state">{stateTag(s.state)}</span>
              {!s.current && <Tag>已被重新清算替代</Tag>}
            </Descriptions.Item>
            <Descriptions.Item label="清算金额">
              <Typography.Text strong data-testid="statement-total">
                {yuan(s.totalFen)}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label="结算笔数">
              {s.settlementCount} 笔（跨期调整 {s.adjustmentCount} 笔）
            </Descriptions.Item>
            <Descriptions.Item label="医疗费总额">{yuan(s.medicalTotalFen)}</Descriptions.Item>
          </Descriptions>

          <Space wrap>
            {s.mayDecide && (
              <>
                <Button
                  type="primary"
                  disabled={busy}
                  data-testid="clearing-confirm"
                  onClick={() =>
                    setPrompt({
                      title: `确认清算单 · ${s.counterpartRegionName}`,
                      okText: '确认',
                      required: false,
                      placeholder: '备注（可选）',
                      onOk: (note) => run(path('confirm'), note ? { note } : {}, '已确认清算单'),
                    })
                  }
                >
                  确认
                </Button>
                <Button
                  danger
                  disabled={busy || s.state === 'disputed'}
                  data-testid="clearing-dispute"
                  onClick={() =>
                    setPrompt({
                      title: `提出争议 · ${s.counterpartRegionName}`,
                      okText: '提出争议',
                      danger: true,
                      required: true,
                      placeholder: '请写明争议原因（如笔数、金额与本地记录不符之处）',
                      onOk: (reason) => run(path('dispute'), { reason }, '已提出争议'),
                    })
                  }
                >
                  提出争议
                </Button>
              </>
            )}
            <Button href={`${files}/export.csv`} data-testid="clearing-csv">
              导出 CSV
            </Button>
            <Button href={`${files}/export.xlsx`} data-testid="clearing-xlsx">
              导出 XLSX
            </Button>
            <Button href={`${files}/print`} target="_blank" rel="noopener" data-testid="clearing-print">
              打印
            </Button>
          </Space>
          {!s.mayDecide && s.side === 'receivable' && s.state !== 'confirmed' && (
            <Typography.Text type="secondary">
              清算单由参保地经办机构确认；本地为就医地，可核对后与参保地沟通。
            </Typography.Text>
          )}

          <Table
            size="small"
            rowKey="fundType"
            pagination={false}
            dataSource={s.lines}
            scroll={{ x: 520 }}
            title={() => '基金支付明细'}
            columns={[
              {
                title: '基金类型',
                key: 'fund',
                render: (_, l) => (
                  <span>
                    {l.fundName}
                    <Typography.Text type="secondary"> {l.fundType}</Typography.Text>
                  </span>
                ),
              },
              { title: '笔数', dataIndex: 'rowCount', align: 'right', width: 70 },
              { title: '跨期调整', dataIndex: 'adjustmentFen', align: 'right', width: 110, render: yuan },
              { title: '金额', dataIndex: 'amountFen', align: 'right', width: 120, render: yuan },
            ]}
            summary={() => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">
                  {s.settlementCount}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">
                  {yuan(s.adjustmentFen)}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={3} align="right">
                  {yuan(s.totalFen)}
                </Table.Summary.Cell>
              </Table.Summary.Row>
            )}
          />

          <div>
            <Typography.Title level={5}>处理记录</Typography.Title>
            {s.events.length === 0 ? (
              <Typography.Text type="secondary">尚无确认或争议记录。</Typography.Text>
            ) : (
              <Timeline
                data-testid="statement-events"
                items={s.events.map((e) => ({
                  color: e.action === 'confirm' ? 'green' : 'red',
                  content: `${time(e.at)} · ${e.actor} ${ACTION_NAMES[e.action] ?? e.action}${e.reason ? `：${e.reason}` : ''}`,
                }))}
              />
            )}
          </div>

          <div>
            <Typography.Title level={5}>逐笔结算明细</Typography.Title>
            <DrillDown statementId={s.statementId} />
          </div>
        </Space>
      )}
    </Drawer>
  );
}

export function Clearing() {
  const periods = useApi<PeriodItem[]>(`${BASE}/periods`);
  const [chosen, setChosen] = useState<string>();
  const period = chosen ?? periods.data?.[0]?.period;
  const view = useApi<PeriodView>(period ? `${BASE}/periods/${enc(period)}` : null);
  const [viewing, setViewing] = useState<string>();
  const phone = usePhone();
  const v = view.data && view.data.period === period ? view.data : undefined;
  return (
    <>
      <PageTitle
        extra={
          <Select
            style={{ minWidth: 220 }}
            placeholder="选择清算期间"
            value={period}
            loading={periods.loading}
            onChange={setChosen}
            data-testid="clearing-period"
            options={(periods.data ?? []).map((p) => ({
              value: p.period,
              label: `${p.period} · ${p.status === 'closed' ? '已关账' : `草稿（第 ${p.runNo} 次清算）`}`,
            }))}
          />
        }
      >
        清算对账单
      </PageTitle>
      <Typography.Paragraph type="secondary">
        跨地区就医由就医地先行垫付，按月与参保地清算。本页只显示本地区作为参保地（应付）或就医地（应收）的清算单；清算单由参保地确认或提出争议，运行清算与关账由管理员办理。
      </Typography.Paragraph>
      <ErrorAlert error={periods.error ?? view.error} />
      {periods.data && periods.data.length === 0 && <Empty description="尚未运行任何清算期间" />}
      <StatementDrawer id={viewing} onClose={() => setViewing(undefined)} onDecided={view.reload} />
      {v && (
        <>
          <Typography.Paragraph>
            期间 {v.period}：
            {v.status === 'closed' ? <Tag color="green">已关账</Tag> : <Tag color="blue">草稿</Tag>}第{' '}
            {v.run.runNo} 次清算，运行于 {time(v.run.createdAt)}
            {v.closedAt ? `，关账于 ${time(v.closedAt)}` : ''}
          </Typography.Paragraph>
          <PositionCard view={v} />
          <Table<StatementSummary>
            rowKey="statementId"
            loading={view.loading}
            dataSource={v.statements}
            pagination={false}
            scroll={{ x: 1080 }}
            title={() => '清算单'}
            data-testid="clearing-statements"
            locale={{ emptyText: <Empty description="本期间本地区没有跨地区结算" /> }}
            columns={[
              { title: '对方地区', dataIndex: 'counterpartRegionName', width: 120 },
              { title: '方向', dataIndex: 'side', width: 70, render: sideTag },
              { title: '结算笔数', dataIndex: 'settlementCount', align: 'right', width: 90 },
              { title: '调整笔数', dataIndex: 'adjustmentCount', align: 'right', width: 90 },
              { title: '基金支付', dataIndex: 'fundTotalFen', align: 'right', width: 130, render: yuan },
              { title: '个人账户', dataIndex: 'accountTotalFen', align: 'right', width: 120, render: yuan },
              { title: '跨期调整', dataIndex: 'adjustmentFen', align: 'right', width: 120, render: yuan },
              {
                title: '清算金额',
                dataIndex: 'totalFen',
                align: 'right',
                width: 130,
                render: (fen: number, s) => (
                  <Typography.Text strong data-testid={`statement-row-total-${s.statementId}`}>
                    {yuan(fen)}
                  </Typography.Text>
                ),
              },
              { title: '状态', dataIndex: 'state', width: 90, render: stateTag },
              {
                title: '操作',
                key: 'act',
                width: phone ? 80 : 110,
                fixed: phone ? 'right' : undefined,
                render: (_, s) => (
                  <Button
                    size="small"
                    type={s.mayDecide && s.state !== 'confirmed' ? 'primary' : 'default'}
                    onClick={() => setViewing(s.statementId)}
                    data-testid={`clearing-open-${s.statementId}`}
                  >
                    {s.mayDecide ? '核对' : '详情'}
                  </Button>
                ),
              },
            ]}
          />
          {v.institutionPayables.length > 0 && (
            <Table
              style={{ marginTop: 16 }}
              size="small"
              rowKey="institutionCode"
              pagination={false}
              dataSource={v.institutionPayables}
              scroll={{ x: 520 }}
              title={() => '本地定点机构应付（本地为就医地垫付部分）'}
              columns={[
                {
                  title: '定点医药机构',
                  key: 'inst',
                  render: (_, p) => (
                    <span>
                      {p.institutionName}
                      <Typography.Text type="secondary"> {p.institutionCode}</Typography.Text>
                    </span>
                  ),
                },
                { title: '结算笔数', dataIndex: 'settlementCount', align: 'right', width: 90 },
                { title: '应付金额', dataIndex: 'amountFen', align: 'right', width: 130, render: yuan },
              ]}
            />
          )}
        </>
      )}
    </>
  );
}
