/** 医保目录查询 — the treatment region's catalog: class, copay ratio, price limit, in plain words (R-M2). */
import { Button, Card, Col, Form, Input, Row, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { query } from '../../api.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { RegionSelect } from '../../components/RegionSelect.tsx';
import { useApi } from '../../hooks.ts';
import type { CatalogItem, Page } from '../../types.ts';

interface Filters {
  regionCode?: string;
  keyword?: string;
  kind?: string;
  catalogClass?: string;
}

const CLASS_COLOR: Record<string, string> = { '01': 'green', '02': 'gold', '03': 'red' };

export function Catalog() {
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const [form] = Form.useForm<Filters>();
  const result = useApi<Page<CatalogItem>>(
    filters.regionCode ? `/api/public/catalog${query({ ...filters, page, pageSize: 10 })}` : null,
  );
  return (
    <>
      <PageTitle>医保目录查询</PageTitle>
      <Card className="filters" style={{ marginBottom: 16 }}>
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => {
            setPage(1);
            setFilters(v);
          }}
        >
          <Row gutter={16}>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item
                name="regionCode"
                label="就医地"
                rules={[{ required: true, message: '目录按就医地公布，请先选择就医地' }]}
              >
                <RegionSelect
                  onChange={(v) => form.setFieldValue('regionCode', v)}
                  placeholder="选择就医地"
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item name="keyword" label="名称或编码">
                <Input allowClear placeholder="如：阿莫西林" maxLength={50} />
              </Form.Item>
            </Col>
            <Col xs={12} lg={4}>
              <Form.Item name="kind" label="类别">
                <Select
                  allowClear
                  placeholder="全部"
                  options={[
                    { value: 'drug', label: '药品' },
                    { value: 'service_item', label: '诊疗项目' },
                    { value: 'consumable', label: '医用耗材' },
                  ]}
                />
              </Form.Item>
            </Col>
            <Col xs={12} lg={4}>
              <Form.Item name="catalogClass" label="甲乙丙类">
                <Select
                  allowClear
                  placeholder="全部"
                  options={[
                    { value: '01', label: '甲类' },
                    { value: '02', label: '乙类' },
                    { value: '03', label: '丙类' },
                  ]}
                />
              </Form.Item>
            </Col>
            <Col xs={24} lg={4}>
              <Form.Item label=" ">
                <Button type="primary" htmlType="submit" block>
                  查询
                </Button>
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>
      <ErrorAlert error={result.error} />
      <Table<CatalogItem>
        rowKey="code"
        loading={result.loading}
        dataSource={result.data?.items ?? []}
        locale={{ emptyText: filters.regionCode ? '没有符合条件的目录条目' : '请选择就医地后查询' }}
        scroll={{ x: 760 }}
        pagination={{
          current: page,
          pageSize: 10,
          total: result.data?.total ?? 0,
          onChange: setPage,
          showTotal: (t) => `共 ${t} 条`,
        }}
        columns={[
          {
            title: '名称',
            dataIndex: 'name',
            render: (_, r) => (
              <>
                {r.name}
                <br />
                <small>
                  {r.code} · {r.kindZh}
                </small>
              </>
            ),
          },
          {
            title: '类别',
            dataIndex: 'classZh',
            width: 110,
            render: (_, r) => <Tag color={CLASS_COLOR[r.catalogClass]}>{r.classZh}</Tag>,
          },
          { title: '先行自付比例', dataIndex: 'copayRatioText', width: 110 },
          {
            title: '限价（元）',
            dataIndex: 'priceLimitYuan',
            width: 110,
            render: (v: string | null) => v ?? '不限',
          },
          { title: '怎么报销', dataIndex: 'plainZh' },
        ]}
      />
    </>
  );
}
