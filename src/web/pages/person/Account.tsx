/** 我的个人账户 — balance, this year's figures and recent movements (R-P2). */
import { Card, Col, Descriptions, Row, Statistic, Table } from 'antd';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useApi } from '../../hooks.ts';
import { linkProps } from '../../router.ts';
import type { AccountView } from '../../types.ts';
import { usePerson } from './PersonGuard.tsx';

export function Account() {
  const person = usePerson();
  const { data, loading, error } = useApi<AccountView>('/api/person/account');
  return (
    <>
      <PageTitle extra={<a {...linkProps('/me/contributions')}>查看缴费记录与划入明细</a>}>
        我的个人账户
      </PageTitle>
      <ErrorAlert error={error} />
      <Row gutter={[16, 16]}>
        <Col xs={24} md={8}>
          <Card loading={loading}>
            <Statistic title="个人账户余额" value={data?.balanceYuan ?? ''} suffix="元" />
          </Card>
        </Col>
        <Col xs={24} md={16}>
          <Card title={`${data?.year ?? ''} 年度累计`} loading={loading} size="small">
            <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
              {(data?.yearFigures ?? []).map((f) => (
                <Descriptions.Item key={f.labelZh} label={f.labelZh}>
                  {f.value}
                </Descriptions.Item>
              ))}
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24}>
          <Card title="参保信息" size="small">
            <Descriptions size="small" column={{ xs: 1, md: 3 }}>
              <Descriptions.Item label="姓名">{person?.name}</Descriptions.Item>
              <Descriptions.Item label="证件号码">{person?.certificateNoMasked}</Descriptions.Item>
              <Descriptions.Item label="手机号">{person?.phoneMasked ?? '未登记'}</Descriptions.Item>
              <Descriptions.Item label="参保地">{person?.insuredRegionName}</Descriptions.Item>
              <Descriptions.Item label="险种">{person?.insuranceTypeZh}</Descriptions.Item>
              <Descriptions.Item label="人员类别">{person?.employmentZh}</Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24}>
          <Table
            size="small"
            rowKey={(r) => `${r.at}-${r.deltaYuan}`}
            loading={loading}
            dataSource={data?.movements ?? []}
            locale={{ emptyText: '暂无账户变动' }}
            scroll={{ x: 480 }}
            columns={[
              { title: '时间', dataIndex: 'at', render: (v: string) => v.replace('T', ' ').slice(0, 16) },
              { title: '事项', dataIndex: 'reasonZh' },
              { title: '变动（元）', dataIndex: 'deltaYuan' },
              { title: '余额（元）', dataIndex: 'balanceAfterYuan' },
            ]}
          />
        </Col>
      </Row>
    </>
  );
}
