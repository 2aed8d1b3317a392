/** 首页 — the three doors: public queries, my insurance, agency console. */
import { Alert, Card, Col, Row, Typography } from 'antd';
import { MENU } from '../../menu.ts';
import { linkProps } from '../../router.ts';

const INTRO: Record<string, string> = {
  portal:
    '无需登录，7×24 小时可查：哪些医院、药店开通了异地直接结算，药品和项目能不能报销，异地就医怎么备案。',
  me: '参保人用证件号码和短信验证码登录：查看结算明细和计算过程、就医前预估费用、出示医保码、查个人账户。',
  agency: '医保经办人员登录后处理本统筹区的待办业务，查看直接结算率等统计。',
};

export function Home(props: { notFound?: boolean }) {
  return (
    <>
      {props.notFound && (
        <Alert
          type="warning"
          showIcon
          title="没有找到这个页面，请从下面的入口进入。"
          style={{ marginBottom: 16 }}
        />
      )}
      <Typography.Title level={2} className="page-title">
        医保服务平台
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        异地就医直接结算：就医地目录、参保地政策、就医地管理。
      </Typography.Paragraph>
      <Row gutter={[16, 16]}>
        {MENU.map((group) => (
          <Col xs={24} md={8} key={group.key}>
            <Card title={group.label} style={{ height: '100%' }}>
              <Typography.Paragraph>{INTRO[group.key]}</Typography.Paragraph>
              {group.items.map((i) => (
                <div key={i.path} style={{ marginBottom: 6 }}>
                  <a {...linkProps(i.path)}>{i.label} ›</a>
                </div>
              ))}
            </Card>
          </Col>
        ))}
      </Row>
    </>
  );
}
