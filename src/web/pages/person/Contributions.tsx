/** 我的缴费记录 — one year's contributions, the year's totals and a plain sentence about gaps (R-P2). */
import { Alert, Card, Col, Descriptions, Grid, List, Row, Select, Statistic, Table, Tag } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useApi } from '../../hooks.ts';
import { linkProps } from '../../router.ts';
import { usePerson } from './PersonGuard.tsx';

interface ContributionLine {
  contributionId: string;
  period: string;
  insuranceType: string;
  insuranceTypeZh: string;
  insuredRegionName: string;
  baseYuan: string | null;
  employerYuan: string;
  personalYuan: string;
  accountCreditYuan: string;
  status: 'paid' | 'unpaid' | 'refunded';
  statusZh: string;
  paidDate: string | null;
  payerName: string | null;
  correctsId: string | null;
  supersededBy: string | null;
}

interface MyContributions {
  year: number;
  years: number[];
  rows: ContributionLine[];
  totals: {
    monthsPaid: number;
    employerYuan: string;
    personalYuan: string;
    accountCreditYuan: string;
    totalYuan: string;
  };
  gapMonths: number;
  summaryZh: string;
}

const STATUS_COLOR: Record<ContributionLine['status'], string> = {
  paid: 'green',
  unpaid: 'red',
  refunded: 'default',
};

function periodZh(r: ContributionLine): string {
  return r.period.length === 4
    ? `${r.period} 年度`
    : `${r.period.slice(0, 4)} 年 ${Number(r.period.slice(5))} 月`;
}

function StatusTags(props: { row: ContributionLine }) {
  const r = props.row;
  return (
    <>
      <Tag color={STATUS_COLOR[r.status]}>{r.statusZh}</Tag>
      {r.correctsId && <Tag color="blue">更正</Tag>}
      {r.supersededBy && <Tag>已被更正，不计入</Tag>}
    </>
  );
}

function payerOf(r: ContributionLine): string {
  if (r.payerName) return r.payerName;
  return r.insuranceType === '390' ? '个人缴纳' : '个人缴纳（灵活就业）';
}

function ContributionCards(props: { rows: ContributionLine[]; loading: boolean }) {
  return (
    <List
      loading={props.loading}
      dataSource={props.rows}
      locale={{ emptyText: '本年度暂无缴费记录' }}
      renderItem={(r) => (
        <List.Item key={r.contributionId} data-testid="contribution-row">
          <Card size="small" style={{ width: '100%' }} title={periodZh(r)} extra={<StatusTags row={r} />}>
            <Descriptions size="small" column={1}>
              {r.baseYuan !== null && <Descriptions.Item label="缴费基数">{r.baseYuan} 元</Descriptions.Item>}
              <Descriptions.Item label="单位缴费">{r.employerYuan} 元</Descriptions.Item>
              <Descriptions.Item label="个人缴费">{r.personalYuan} 元</Descriptions.Item>
              {r.insuranceType === '310' && (
                <Descriptions.Item label="划入个人账户">{r.accountCreditYuan} 元</Descriptions.Item>
              )}
              <Descriptions.Item label="到账日期">{r.paidDate ?? '未到账'}</Descriptions.Item>
              <Descriptions.Item label="缴费单位">{payerOf(r)}</Descriptions.Item>
            </Descriptions>
          </Card>
        </List.Item>
      )}
    />
  );
}

function ContributionTable(props: { rows: ContributionLine[]; loading: boolean }) {
  return (
    <Table<ContributionLine>
      size="small"
      rowKey="contributionId"
      loading={props.loading}
      dataSource={props.rows}
      pagination={{ pageSize: 12, hideOnSinglePage: true }}
      scroll={{ x: 900 }}
      locale={{ emptyText: '本年度暂无缴费记录' }}
      columns={[
        { title: '费款所属期', key: 'period', width: 120, render: (_, r) => periodZh(r) },
        {
          title: '险种 / 参保地',
          key: 'type',
          render: (_, r) => (
            <>
              {r.insuranceTypeZh}
              <br />
              <small>{r.insuredRegionName}</small>
            </>
          ),
        },
        {
          title: '缴费基数（元）',
          dataIndex: 'baseYuan',
          width: 120,
          render: (v: string | null) => v ?? '—',
        },
        { title: '单位缴费（元）', dataIndex: 'employerYuan', width: 120 },
        { title: '个人缴费（元）', dataIndex: 'personalYuan', width: 120 },
        {
          title: '划入个人账户（元）',
          dataIndex: 'accountCreditYuan',
          width: 140,
          render: (v: string, r) => (r.insuranceType === '310' ? v : '—'),
        },
        { title: '状态', key: 'status', width: 150, render: (_, r) => <StatusTags row={r} /> },
        { title: '到账日期', dataIndex: 'paidDate', width: 110, render: (v: string | null) => v ?? '—' },
        { title: '缴费单位', key: 'payer', render: (_, r) => payerOf(r) },
      ]}
    />
  );
}

export function Contributions() {
  const person = usePerson();
  const phone = Grid.useBreakpoint().md === false;
  const [year, setYear] = useState<number>();
  const { data, loading, error } = useApi<MyContributions>(
    `/api/person/contributions${year === undefined ? '' : `?year=${year}`}`,
  );
  const retired = person?.employmentZh === '退休' && data !== undefined && data.rows.length === 0;
  return (
    <>
      <PageTitle
        extra={
          <Select
            data-testid="contribution-year"
            aria-label="选择年度"
            style={{ width: 120 }}
            value={data?.year ?? year}
            onChange={(v: number) => setYear(v)}
            options={(data?.years ?? []).map((y) => ({ value: y, label: `${y} 年` }))}
          />
        }
      >
        我的缴费记录
      </PageTitle>
      <ErrorAlert error={error} />
      <Row gutter={[16, 16]}>
        <Col xs={24}>
          {data && (
            <Alert
              data-testid="contribution-summary"
              type={data.gapMonths > 0 ? 'warning' : 'success'}
              showIcon
              title={data.summaryZh}
            />
          )}
          {retired && (
            <Alert
              style={{ marginTop: 8 }}
              type="info"
              showIcon
              title="退休人员按规定不再缴纳基本医疗保险费，个人账户由统筹基金按月定额划入。"
            />
          )}
        </Col>
        <Col xs={12} md={6}>
          <Card loading={loading} size="small" data-testid="contribution-months">
            <Statistic
              title={`${data?.year ?? ''} 年已缴月数`}
              value={data?.totals.monthsPaid ?? 0}
              suffix="个月"
            />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card loading={loading} size="small">
            <Statistic title="单位缴费合计" value={data?.totals.employerYuan ?? ''} suffix="元" />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card loading={loading} size="small" data-testid="contribution-personal">
            <Statistic title="个人缴费合计" value={data?.totals.personalYuan ?? ''} suffix="元" />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card loading={loading} size="small" data-testid="contribution-credit">
            <Statistic title="划入个人账户合计" value={data?.totals.accountCreditYuan ?? ''} suffix="元" />
          </Card>
        </Col>
        <Col xs={24}>
          {phone ? (
            <ContributionCards rows={data?.rows ?? []} loading={loading} />
          ) : (
            <ContributionTable rows={data?.rows ?? []} loading={loading} />
          )}
        </Col>
        <Col xs={24}>
          <small>
            职工医保按月缴费，个人缴费全额划入个人账户；城乡居民医保按年缴费，不设个人账户。更正后的原记录不计入合计。
            查看账户余额与变动：<a {...linkProps('/me/account')}>我的个人账户</a>
          </small>
        </Col>
      </Row>
    </>
  );
}
