/**
 * 费用预估 — choose where and what; the server runs the same settlement core on the person's current
 * year and answers what the funds and the person would pay. The page sends strings and shows strings.
 * A person with 门慢特资格 in force may mark an item with the disease it treats (as the HIS marks the
 * line); the server decides whether it settles as that disease's chronic part (R-C1, R-C2).
 */
import { Alert, Button, Card, Col, Form, Input, Row, Select, Space, Switch, Table, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, api, query } from '../../api.ts';
import { ExplanationView } from '../../components/ExplanationView.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { RegionSelect } from '../../components/RegionSelect.tsx';
import { useApi } from '../../hooks.ts';
import type { CatalogItem, EstimateAnswer, Institution, Page } from '../../types.ts';
import { usePerson } from './PersonGuard.tsx';

interface ItemRow {
  key: number;
  itemCode: string;
  name: string;
  unitPriceYuan: string;
  quantity: string;
  diseaseCode?: string;
}

interface QualificationInForce {
  diseaseCode: string;
  diseaseName: string;
}

const MEDICAL_TYPES = [
  { value: '11', label: '普通门诊' },
  { value: '13', label: '急诊' },
  { value: '14', label: '门诊慢特病' },
  { value: '21', label: '住院' },
  { value: '41', label: '药店购药' },
];

const DECLARED = [
  { value: 'cross_province_long_term', label: '已办理跨省长期备案' },
  { value: 'referral', label: '转诊转院' },
  { value: 'emergency', label: '急诊抢救' },
  { value: 'other_temporary', label: '其他临时外出就医（已备案）' },
  { value: 'unfiled', label: '尚未备案' },
];

export function Estimate() {
  const person = usePerson();
  const [regionCode, setRegionCode] = useState<string>();
  const [institutionCode, setInstitutionCode] = useState<string>();
  const [medicalType, setMedicalType] = useState('11');
  const [declared, setDeclared] = useState('cross_province_long_term');
  const [useAccount, setUseAccount] = useState(true);
  const [keyword, setKeyword] = useState('');
  const [items, setItems] = useState<ItemRow[]>([]);
  const [answer, setAnswer] = useState<EstimateAnswer>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const institutions = useApi<Page<Institution>>(
    regionCode ? `/api/public/institutions${query({ regionCode, pageSize: 100 })}` : null,
  );
  const catalog = useApi<Page<CatalogItem>>(
    regionCode ? `/api/public/catalog${query({ regionCode, keyword, pageSize: 20 })}` : null,
  );
  const qualifications = useApi<{ qualifications: QualificationInForce[] }>('/api/chronic/qualifications');
  const diseaseOptions = (qualifications.data?.qualifications ?? []).map((q) => ({
    value: q.diseaseCode,
    label: q.diseaseName,
  }));
  const crossProvince =
    !!regionCode && !!person && regionCode.slice(0, 2) !== person.insuredRegionCode.slice(0, 2);

  const addItem = (code: string) => {
    const c = catalog.data?.items.find((i) => i.code === code);
    if (!c) return;
    setItems((xs) => [
      ...xs,
      {
        key: Date.now(),
        itemCode: c.code,
        name: c.name,
        unitPriceYuan: c.priceLimitYuan ?? '',
        quantity: '1',
      },
    ]);
  };
  const update = (key: number, patch: Partial<ItemRow>) =>
    setItems((xs) => xs.map((x) => (x.key === key ? { ...x, ...patch } : x)));

  const run = async () => {
    setError(undefined);
    setAnswer(undefined);
    if (!institutionCode) return setError('请先选择就医地和定点医药机构。');
    if (items.length === 0) return setError('请至少添加一个药品或诊疗项目。');
    setBusy(true);
    try {
      const res = await api.post<EstimateAnswer>('/api/person/estimate', {
        institutionCode,
        medicalType,
        useAccount,
        ...(crossProvince ? { declaredSituation: declared } : {}),
        items: items.map(({ itemCode, unitPriceYuan, quantity, diseaseCode }) => ({
          itemCode,
          unitPriceYuan,
          quantity,
          ...(diseaseCode ? { diseaseCode } : {}),
        })),
      });
      setAnswer(res);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageTitle>就医前费用预估</PageTitle>
      <Card style={{ marginBottom: 16 }}>
        <Form layout="vertical">
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item label="就医地">
                <RegionSelect
                  id="estimate-region"
                  value={regionCode}
                  onChange={(v) => {
                    setRegionCode(v);
                    setInstitutionCode(undefined);
                    setItems([]);
                  }}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={10}>
              <Form.Item label="定点医药机构">
                <Select
                  id="estimate-institution"
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder={regionCode ? '选择机构' : '请先选择就医地'}
                  value={institutionCode}
                  onChange={setInstitutionCode}
                  loading={institutions.loading}
                  options={(institutions.data?.items ?? []).map((i) => ({
                    value: i.code,
                    label: `${i.name}（${i.kind === 'hospital' ? i.levelZh : i.kindZh}）`,
                  }))}
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item label="就医类别">
                <Select
                  id="estimate-medtype"
                  value={medicalType}
                  onChange={setMedicalType}
                  options={MEDICAL_TYPES}
                />
              </Form.Item>
            </Col>
            {crossProvince && (
              <Col xs={24} md={12}>
                <Form.Item label="如尚无有效备案，按此情形预估" tooltip="已有备案时按您的备案自动判断">
                  <Select value={declared} onChange={setDeclared} options={DECLARED} />
                </Form.Item>
              </Col>
            )}
            <Col xs={12} md={6}>
              <Form.Item label="使用个人账户">
                <Switch checked={useAccount} onChange={setUseAccount} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item label="添加药品或项目（按就医地目录）">
            <Select
              id="estimate-item"
              showSearch={{ filterOption: false, onSearch: setKeyword }}
              placeholder={regionCode ? '输入名称搜索' : '请先选择就医地'}
              value={null}
              onChange={(v: string) => addItem(v)}
              loading={catalog.loading}
              options={(catalog.data?.items ?? []).map((c) => ({
                value: c.code,
                label: `${c.name} · ${c.classZh}${c.priceLimitYuan ? ` · 限价 ${c.priceLimitYuan} 元` : ''}`,
              }))}
            />
          </Form.Item>
        </Form>
        <Table<ItemRow>
          size="small"
          rowKey="key"
          pagination={false}
          dataSource={items}
          scroll={{ x: 560 }}
          locale={{ emptyText: '尚未添加项目' }}
          columns={[
            { title: '项目', dataIndex: 'name' },
            {
              title: '预计单价（元）',
              key: 'price',
              width: 150,
              render: (_, r) => (
                <Input
                  aria-label="单价"
                  value={r.unitPriceYuan}
                  inputMode="decimal"
                  onChange={(e) => update(r.key, { unitPriceYuan: e.target.value })}
                />
              ),
            },
            {
              title: '数量',
              key: 'qty',
              width: 100,
              render: (_, r) => (
                <Input
                  aria-label="数量"
                  value={r.quantity}
                  inputMode="decimal"
                  onChange={(e) => update(r.key, { quantity: e.target.value })}
                />
              ),
            },
            ...(diseaseOptions.length === 0
              ? []
              : [
                  {
                    title: '用于门慢特病种',
                    key: 'disease',
                    width: 170,
                    render: (_: unknown, r: ItemRow) => (
                      <Select
                        aria-label="门慢特病种"
                        allowClear
                        placeholder="不属于门慢特"
                        style={{ width: '100%' }}
                        value={r.diseaseCode}
                        onChange={(v?: string) => update(r.key, { diseaseCode: v })}
                        options={diseaseOptions}
                      />
                    ),
                  },
                ]),
            {
              title: '',
              key: 'del',
              width: 60,
              render: (_, r) => (
                <Button
                  type="link"
                  danger
                  onClick={() => setItems((xs) => xs.filter((x) => x.key !== r.key))}
                >
                  删除
                </Button>
              ),
            },
          ]}
        />
        <Space style={{ marginTop: 16 }}>
          <Button type="primary" onClick={run} loading={busy} data-testid="run-estimate">
            开始预估
          </Button>
        </Space>
      </Card>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      {answer && (
        <div data-testid="estimate-result">
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title={`${answer.institutionName} · ${answer.situationZh} · ${answer.parts.map((p) => p.categoryZh).join('、')}`}
            description={`${answer.situationReasonZh} ${answer.policyName}。${answer.noticeZh}`}
          />
          <ExplanationView explanation={answer.explanation} />
        </div>
      )}
      {!answer && !error && (
        <Typography.Paragraph type="secondary">
          预估不会产生任何结算记录，也不会改变您的年度累计。
        </Typography.Paragraph>
      )}
    </>
  );
}
