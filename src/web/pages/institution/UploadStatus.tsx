/**
 * 上传状态 — the institution's recent national transactions from the message log (failures highlighted
 * with the platform's err_msg), its open visits with fee lines uploaded but not settled, and its 2210
 * uploads of self-paid bills (未直接结算费用) with their due dates.
 */
import { Button, Card, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useApi } from '../../hooks.ts';
import { fenToYuan } from '../../money.ts';
import type { InstitutionUploadStatus } from '../../types.ts';

type Transaction = InstitutionUploadStatus['transactions'][number];

const VISIT_KIND: Record<string, string> = { outpatient: '门诊', inpatient: '住院', pharmacy: '药店购药' };
const VISIT_STATUS: Record<string, string> = {
  registered: '已挂号',
  admitted: '在院',
  discharged: '已出院',
};

function Outcome(props: { t: Transaction }) {
  if (props.t.succeeded === true) return <Tag color="green">成功</Tag>;
  if (props.t.succeeded === false) return <Tag color="red">失败</Tag>;
  return <Tag>处理中</Tag>;
}

export function UploadStatus() {
  const { data, error, loading, reload } = useApi<InstitutionUploadStatus>(
    '/api/institution/upload-status?limit=100',
  );
  const [filter, setFilter] = useState<'all' | 'failed'>('all');
  const transactions = (data?.transactions ?? []).filter((t) => filter === 'all' || t.succeeded === false);
  const failed = (data?.transactions ?? []).filter((t) => t.succeeded === false).length;

  return (
    <>
      <PageTitle
        extra={
          <Button onClick={reload} loading={loading}>
            刷新
          </Button>
        }
      >
        上传状态
      </PageTitle>
      <ErrorAlert error={error} />
      <Card title="最近交易" style={{ marginBottom: 16 }}>
        <Space wrap style={{ marginBottom: 12 }}>
          <Segmented
            value={filter}
            onChange={(v) => setFilter(v as 'all' | 'failed')}
            options={[
              { value: 'all', label: `全部 ${data?.transactions.length ?? 0}` },
              { value: 'failed', label: `失败 ${failed}` },
            ]}
          />
        </Space>
        <Table
          size="small"
          data-testid="transactions-table"
          rowKey="msgid"
          dataSource={transactions}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 1040 }}
          rowClassName={(t) => (t.succeeded === false ? 'row-failed' : '')}
          onRow={(t) => (t.succeeded === false ? { style: { background: '#fff1f0' } } : {})}
          locale={{ emptyText: '暂无交易' }}
          columns={[
            { title: '结果', key: 'outcome', width: 70, render: (_: unknown, t) => <Outcome t={t} /> },
            { title: '时间', dataIndex: 'at', width: 170 },
            {
              title: '交易',
              dataIndex: 'infno',
              width: 190,
              render: (infno: string, t) => `${infno} ${t.name ?? ''}`,
            },
            {
              title: '错误信息',
              dataIndex: 'errorMessage',
              width: 360,
              render: (m: string | null) => (m ? <Typography.Text type="danger">{m}</Typography.Text> : '—'),
            },
            { title: '报文ID', dataIndex: 'msgid' },
          ]}
        />
      </Card>
      <Card title="已上传未结算的就诊" style={{ marginBottom: 16 }}>
        <Table
          size="small"
          data-testid="open-visits-table"
          rowKey="visitId"
          dataSource={data?.openVisits ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 900 }}
          locale={{ emptyText: '没有已上传明细而未结算的就诊' }}
          columns={[
            { title: '就诊ID', dataIndex: 'visitId', width: 200 },
            { title: '人员编号', dataIndex: 'psnNo', width: 190 },
            { title: '类别', dataIndex: 'kind', width: 80, render: (k: string) => VISIT_KIND[k] ?? k },
            { title: '状态', dataIndex: 'status', width: 80, render: (s: string) => VISIT_STATUS[s] ?? s },
            { title: '开始时间', dataIndex: 'beginTime', width: 170 },
            { title: '明细条数', dataIndex: 'lineCount', width: 90, align: 'right' },
            { title: '金额（元）', dataIndex: 'amountFen', width: 110, render: fenToYuan, align: 'right' },
            { title: '最近上传', dataIndex: 'lastUploadedAt', width: 200 },
          ]}
        />
      </Card>
      <Card title="未直接结算费用上传（2210）">
        <Table
          size="small"
          data-testid="unsettled-uploads-table"
          rowKey="uploadId"
          dataSource={data?.unsettledUploads ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 1000 }}
          locale={{ emptyText: '暂无未直接结算费用上传' }}
          columns={[
            { title: '上传编号', dataIndex: 'uploadId', width: 200 },
            { title: '人员编号', dataIndex: 'psnNo', width: 190 },
            { title: '院内就诊号', dataIndex: 'hospitalVisitNo', width: 120 },
            {
              title: '就诊时间',
              key: 'time',
              width: 200,
              render: (_: unknown, u) => `${u.beginTime.slice(0, 10)} 至 ${u.endTime.slice(0, 10)}`,
            },
            { title: '金额（元）', dataIndex: 'totalFen', width: 110, render: fenToYuan, align: 'right' },
            { title: '上传时间', dataIndex: 'uploadedAt', width: 200 },
            { title: '上传截止', dataIndex: 'dueDate', width: 110 },
            {
              title: '是否逾期',
              dataIndex: 'late',
              width: 120,
              render: (late: boolean, u) =>
                late ? (
                  <Tag color="red">逾期 {u.workingDaysLate} 个工作日</Tag>
                ) : (
                  <Tag color="green">按时</Tag>
                ),
            },
          ]}
        />
      </Card>
    </>
  );
}
