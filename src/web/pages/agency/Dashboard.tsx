/**
 * 统计分析 (R-S4) — direct-settlement rate by treatment region and month, settlements and fund payments
 * per month, open and overdue cases per case type (the 综合待办 entries), and the 好差评 summary, for the
 * staff member's region only. Money arrives as yuan strings; they are turned into
 * numbers only to place points on a chart, never to compute.
 */
import { Card, Col, Row, Statistic, Table, Typography } from 'antd';
import type { EChartsOption } from 'echarts';
import { useMemo } from 'react';
import { EChart } from '../../components/EChart.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useApi } from '../../hooks.ts';
import type { Dashboard as DashboardData } from '../../types.ts';

const percent = (bp: number) => `${(bp / 100).toFixed(2)}%`;

function rateOption(d: DashboardData): EChartsOption {
  const months = [...new Set(d.directRates.map((r) => r.month))].sort();
  const regions = [...new Set(d.directRates.map((r) => r.treatmentRegionName))];
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v) => `${v}%` },
    legend: { top: 0, type: 'scroll' },
    grid: { top: 40, left: 48, right: 16, bottom: 32 },
    xAxis: { type: 'category', data: months },
    yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    series: regions.map((name) => ({
      name,
      type: 'bar',
      data: months.map((m) => {
        const r = d.directRates.find((x) => x.month === m && x.treatmentRegionName === name);
        return r ? r.rateBp / 100 : null;
      }),
    })),
  };
}

function volumeOption(d: DashboardData): EChartsOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, type: 'scroll' },
    grid: { top: 56, left: 56, right: 64, bottom: 32 },
    xAxis: { type: 'category', data: d.months.map((m) => m.month) },
    yAxis: [
      { type: 'value', name: '笔数', minInterval: 1 },
      { type: 'value', name: '元' },
    ],
    series: [
      { name: '结算笔数', type: 'bar', data: d.months.map((m) => m.settlements) },
      {
        name: '基金支付（元）',
        type: 'line',
        yAxisIndex: 1,
        data: d.months.map((m) => Number(m.fundPayYuan)),
      },
      {
        name: '医疗费总额（元）',
        type: 'line',
        yAxisIndex: 1,
        data: d.months.map((m) => Number(m.totalYuan)),
      },
    ],
  };
}

function overdueOption(d: DashboardData): EChartsOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { top: 40, left: 40, right: 16, bottom: 32 },
    xAxis: { type: 'category', data: d.overdueByKind.map((k) => k.kindZh) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: '在办', type: 'bar', data: d.overdueByKind.map((k) => k.open) },
      { name: '已超期', type: 'bar', color: '#cf1322', data: d.overdueByKind.map((k) => k.overdue) },
    ],
  };
}

export function Dashboard() {
  const { data, loading, error } = useApi<DashboardData>('/api/agency/dashboard');
  const rate = useMemo(() => (data ? rateOption(data) : undefined), [data]);
  const volume = useMemo(() => (data ? volumeOption(data) : undefined), [data]);
  const overdue = useMemo(() => (data ? overdueOption(data) : undefined), [data]);
  const overdueTotal = data?.overdueByKind.reduce((n, k) => n + k.overdue, 0) ?? 0;
  const settled = data?.months.reduce((n, m) => n + m.settlements, 0) ?? 0;
  return (
    <>
      <PageTitle>统计分析{data ? ` · ${data.regionName}` : ''}</PageTitle>
      <ErrorAlert error={error} />
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Card loading={loading}>
            <Statistic
              title="近 12 个月直接结算率"
              value={data?.overallRateBp == null ? '—' : percent(data.overallRateBp)}
            />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card loading={loading}>
            <Statistic title="近 12 个月结算笔数" value={settled} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card loading={loading}>
            <Statistic
              title="超期待办"
              value={overdueTotal}
              styles={overdueTotal > 0 ? { content: { color: '#cf1322' } } : undefined}
            />
          </Card>
        </Col>
      </Row>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} lg={12}>
          <Card title="异地就医直接结算率（按就医地、月份）" size="small">
            {rate && <EChart option={rate} testId="chart-rate" />}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title="结算笔数与基金支付（按月）" size="small">
            {volume && <EChart option={volume} testId="chart-volume" />}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title="在办与超期待办（按业务类型）" size="small">
            {overdue && <EChart option={overdue} testId="chart-overdue" />}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title="好差评" size="small" loading={loading} data-testid="ratings-summary">
            <Row gutter={[16, 16]}>
              <Col xs={12} md={6}>
                <Statistic title="评价数" value={data?.ratings.count ?? 0} />
              </Col>
              <Col xs={12} md={6}>
                <Statistic
                  title="平均分"
                  value={data?.ratings.averageScore == null ? '—' : data.ratings.averageScore.toFixed(2)}
                />
              </Col>
              <Col xs={12} md={6}>
                <Statistic
                  title="差评占比"
                  value={data && data.ratings.count > 0 ? data.ratings.poorSharePercent : '—'}
                />
              </Col>
              <Col xs={12} md={6}>
                <Statistic
                  title="好 / 中 / 差"
                  value={data ? `${data.ratings.good} / ${data.ratings.neutral} / ${data.ratings.poor}` : '—'}
                />
              </Col>
            </Row>
          </Card>
        </Col>
        <Col xs={24}>
          <Typography.Title level={5}>直接结算率明细</Typography.Title>
          <Table
            size="small"
            rowKey={(r) => `${r.month}-${r.treatmentRegionCode}`}
            dataSource={data?.directRates ?? []}
            pagination={false}
            scroll={{ x: 520 }}
            columns={[
              { title: '月份', dataIndex: 'month' },
              { title: '就医地', dataIndex: 'treatmentRegionName' },
              { title: '异地就诊', dataIndex: 'visits' },
              { title: '直接结算', dataIndex: 'settledDirectly' },
              { title: '直接结算率', dataIndex: 'rateBp', render: (v: number) => percent(v) },
            ]}
          />
        </Col>
      </Row>
    </>
  );
}
