/** 我的结算记录 — newest first; each opens its explanation. */
import { Table, Tag } from 'antd';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useApi } from '../../hooks.ts';
import { linkProps } from '../../router.ts';
import type { SettlementSummary } from '../../types.ts';

export function Settlements() {
  const { data, loading, error } = useApi<{ items: SettlementSummary[] }>('/api/person/settlements');
  return (
    <>
      <PageTitle>我的结算记录</PageTitle>
      <ErrorAlert error={error} />
      <Table<SettlementSummary>
        rowKey="settlementId"
        loading={loading}
        dataSource={data?.items ?? []}
        scroll={{ x: 720 }}
        locale={{ emptyText: '暂无结算记录' }}
        columns={[
          {
            title: '结算时间',
            dataIndex: 'settledAt',
            width: 170,
            render: (v: string) => v.replace('T', ' ').slice(0, 16),
          },
          {
            title: '机构',
            dataIndex: 'institutionName',
            render: (_, r) => (
              <>
                {r.institutionName}
                <br />
                <small>
                  {r.treatmentRegionName} · {r.categoryZh} {r.crossRegion && <Tag color="purple">异地</Tag>}
                  {r.kind === 'reversal' && <Tag color="red">撤销</Tag>}
                </small>
              </>
            ),
          },
          { title: '总额（元）', dataIndex: 'totalYuan', width: 110 },
          { title: '基金支付', dataIndex: 'fundPayYuan', width: 100 },
          {
            title: '个人支付',
            key: 'personal',
            width: 140,
            render: (_, r) => `账户 ${r.accountPayYuan} / 现金 ${r.cashYuan}`,
          },
          {
            title: '',
            key: 'open',
            width: 120,
            render: (_, r) => (
              <a {...linkProps(`/me/settlements/${encodeURIComponent(r.settlementId)}`)}>为什么付这么多</a>
            ),
          },
        ]}
      />
    </>
  );
}
