/** 结算明细 — one settlement with the formula trace in plain Chinese. */
import { Button, Descriptions, Spin } from 'antd';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ExplanationView } from '../../components/ExplanationView.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useApi } from '../../hooks.ts';
import { navigate } from '../../router.ts';
import type { SettlementDetail } from '../../types.ts';

export function SettlementDetailPage(props: { id: string }) {
  const { data, loading, error } = useApi<SettlementDetail>(
    `/api/person/settlements/${encodeURIComponent(props.id)}`,
  );
  return (
    <>
      <PageTitle extra={<Button onClick={() => navigate('/me/settlements')}>返回列表</Button>}>
        结算明细
      </PageTitle>
      <ErrorAlert error={error} />
      {loading && <Spin />}
      {data && (
        <>
          <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 16 }}>
            <Descriptions.Item label="结算编号">{data.settlementId}</Descriptions.Item>
            <Descriptions.Item label="时间">{data.settledAt.replace('T', ' ')}</Descriptions.Item>
            <Descriptions.Item label="类别">{data.categoryZh}</Descriptions.Item>
            <Descriptions.Item label="机构">{data.institutionName}</Descriptions.Item>
            <Descriptions.Item label="就医地">{data.treatmentRegionName}</Descriptions.Item>
            {data.reversedBy && (
              <Descriptions.Item label="已撤销">撤销结算 {data.reversedBy}</Descriptions.Item>
            )}
          </Descriptions>
          <ExplanationView explanation={data.explanation} />
        </>
      )}
    </>
  );
}
