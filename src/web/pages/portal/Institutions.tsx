/** 定点机构查询 (R-P1) — by region, kind, level and service; networked, chronic diseases, outpatient pooling. */
import { Button, Card, Checkbox, Col, Form, Input, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { query } from '../../api.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { RegionSelect } from '../../components/RegionSelect.tsx';
import { useApi } from '../../hooks.ts';
import type { Institution, Page } from '../../types.ts';

interface Filters {
  regionCode?: string;
  kind?: string;
  level?: string;
  chronicDisease?: string;
  keyword?: string;
  crossRegionNetworked: boolean;
  employeeOutpatientPooling: boolean;
}

export function Institutions() {
  const [filters, setFilters] = useState<Filters>({
    crossRegionNetworked: true,
    employeeOutpatientPooling: false,
  });
  const [page, setPage] = useState(1);
  const [form] = Form.useForm<Filters>();
  const diseases = useApi<{ items: { code: string; name: string }[] }>('/api/public/chronic-diseases');
  const result = useApi<Page<Institution>>(
    `/api/public/institutions${query({ ...filters, page, pageSize: 10 })}`,
  );
  const search = (v: Filters) => {
    setPage(1);
    setFilters({
      ...v,
      crossRegionNetworked: !!v.crossRegionNetworked,
      employeeOutpatientPooling: !!v.employeeOutpatientPooling,
    });
  };
  return (
    <>
      <PageTitle>定点医药机构查询</PageTitle>
      <Card className="filters" style={{ marginBottom: 16 }}>
        <Form form={form} layout="vertical" initialValues={filters} onFinish={search}>
          <Row gutter={16}>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item name="regionCode" label="所在统筹区">
                <RegionSelect
                  allowClear
                  placeholder="全部地区"
                  onChange={(v) => form.setFieldValue('regionCode', v)}
                />
              </Form.Item>
            </Col>
            <Col xs={12} sm={6} lg={4}>
              <Form.Item name="kind" label="机构类型">
                <Select
                  allowClear
                  placeholder="全部"
                  options={[
                    { value: 'hospital', label: '医疗机构' },
                    { value: 'pharmacy', label: '零售药店' },
                    { value: 'internet_hospital', label: '互联网医院' },
                  ]}
                />
              </Form.Item>
            </Col>
            <Col xs={12} sm={6} lg={4}>
              <Form.Item name="level" label="医院等级">
                <Select
                  allowClear
                  placeholder="全部"
                  options={[
                    { value: '3', label: '三级' },
                    { value: '2', label: '二级' },
                    { value: '1', label: '一级' },
                  ]}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={5}>
              <Form.Item name="chronicDisease" label="可结算的门慢特病种">
                <Select
                  allowClear
                  placeholder="不限"
                  options={(diseases.data?.items ?? []).map((d) => ({ value: d.code, label: d.name }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={5}>
              <Form.Item name="keyword" label="名称或地址">
                <Input allowClear placeholder="如：人民医院" maxLength={50} />
              </Form.Item>
            </Col>
          </Row>
          <Space wrap>
            <Form.Item name="crossRegionNetworked" valuePropName="checked" noStyle>
              <Checkbox>只看开通异地直接结算</Checkbox>
            </Form.Item>
            <Form.Item name="employeeOutpatientPooling" valuePropName="checked" noStyle>
              <Checkbox>只看职工门诊统筹定点</Checkbox>
            </Form.Item>
            <Button type="primary" htmlType="submit">
              查询
            </Button>
          </Space>
        </Form>
      </Card>
      <ErrorAlert error={result.error} />
      <Table<Institution>
        rowKey="code"
        loading={result.loading}
        dataSource={result.data?.items ?? []}
        scroll={{ x: 720 }}
        pagination={{
          current: page,
          pageSize: 10,
          total: result.data?.total ?? 0,
          onChange: setPage,
          showTotal: (t) => `共 ${t} 家`,
        }}
        columns={[
          {
            title: '机构名称',
            dataIndex: 'name',
            render: (_, r) => (
              <>
                <Typography.Text strong>{r.name}</Typography.Text>
                <br />
                <Typography.Text type="secondary">{r.address ?? r.code}</Typography.Text>
              </>
            ),
          },
          { title: '地区', dataIndex: 'regionName', width: 100 },
          {
            title: '类型',
            dataIndex: 'kindZh',
            width: 120,
            render: (_, r) => `${r.kindZh}${r.kind === 'hospital' ? ` · ${r.levelZh}` : ''}`,
          },
          {
            title: '服务',
            key: 'services',
            render: (_, r) => (
              <Space size={[4, 4]} wrap>
                {r.crossRegionNetworked ? <Tag color="green">异地直接结算</Tag> : <Tag>未开通异地结算</Tag>}
                {r.employeeOutpatientPooling && <Tag color="blue">职工门诊统筹</Tag>}
                {r.chronicDiseases.map((d) => (
                  <Tag color="purple" key={d.code}>
                    {d.name}
                  </Tag>
                ))}
              </Space>
            ),
          },
        ]}
      />
    </>
  );
}
