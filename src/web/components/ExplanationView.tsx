/**
 * "为什么我付这么多？" — a settlement explained: the four numbers, plain sentences, each fund, the formula
 * trace step by step, and the fee lines as the catalog split them. Every amount is the server's string.
 */
import { Card, Col, Collapse, Row, Statistic, Table, Tag, Typography } from 'antd';
import type { Explanation } from '../types.ts';

export function ExplanationView(props: { explanation: Explanation }) {
  const e = props.explanation;
  const a = e.amounts;
  const stat = (title: string, value: string | number | undefined) => (
    <Col xs={12} md={6}>
      <Card size="small">
        <Statistic title={title} value={String(value ?? '')} suffix="元" />
      </Card>
    </Col>
  );
  return (
    <>
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        {stat('医疗费总额', a.totalYuan)}
        {stat('医保基金支付', a.fundPayYuan)}
        {stat('个人账户支付', a.accountPayYuan)}
        {stat('现金支付', a.cashYuan)}
      </Row>
      <Card title="为什么我付这么多？" size="small" style={{ marginBottom: 16 }} data-testid="why">
        {e.summaryZh.map((s) => (
          <Typography.Paragraph key={s} style={{ marginBottom: 6 }}>
            {s}
          </Typography.Paragraph>
        ))}
        {e.funds.length > 0 && (
          <div style={{ marginTop: 8 }}>
            {e.funds.map((f) => (
              <Tag color="blue" key={f.fundType} style={{ marginBottom: 4 }}>
                {f.nameZh}：{f.payYuan} 元
              </Tag>
            ))}
          </div>
        )}
      </Card>
      <Collapse
        defaultActiveKey={['steps']}
        items={[
          {
            key: 'steps',
            label: `计算过程（${e.steps.length} 步）`,
            children: (
              <ol style={{ paddingInlineStart: 20, margin: 0 }} data-testid="trace">
                {e.steps.map((s, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: steps are fixed and ordered.
                  <li key={i} style={{ marginBottom: 8 }}>
                    <Typography.Text strong>{s.titleZh}</Typography.Text> {s.ruleId && <Tag>{s.ruleId}</Tag>}
                    <div className="formula">{s.formulaZh}</div>
                  </li>
                ))}
              </ol>
            ),
          },
          {
            key: 'lines',
            label: `费用明细（${e.lines.length} 项）`,
            children: (
              <Table
                size="small"
                rowKey="lineNo"
                pagination={false}
                scroll={{ x: 720 }}
                dataSource={e.lines}
                columns={[
                  { title: '项目', dataIndex: 'itemName', render: (v: string, r) => v || r.itemCode },
                  { title: '类别', dataIndex: 'classZh', width: 80 },
                  { title: '金额', dataIndex: 'amountYuan', width: 100 },
                  { title: '全自费', dataIndex: 'fullOwnPayYuan', width: 90 },
                  { title: '超限价', dataIndex: 'overLimitYuan', width: 90 },
                  { title: '乙类自付', dataIndex: 'classBCopayYuan', width: 90 },
                  { title: '政策范围内', dataIndex: 'inScopeYuan', width: 100 },
                ]}
              />
            ),
          },
        ]}
      />
    </>
  );
}
