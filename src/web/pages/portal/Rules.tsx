/** 异地就医备案须知 — the filing rules in plain words, each with the rule ids it rests on. */
import { Card, Col, Row, Spin, Tag, Typography } from 'antd';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useApi } from '../../hooks.ts';
import type { RuleSection } from '../../types.ts';

export function Rules() {
  const { data, loading, error } = useApi<{ sections: RuleSection[] }>('/api/public/filing-rules');
  return (
    <>
      <PageTitle>异地就医备案须知</PageTitle>
      <ErrorAlert error={error} />
      <Spin spinning={loading}>
        <Row gutter={[16, 16]}>
          {(data?.sections ?? []).map((s) => (
            <Col xs={24} lg={12} key={s.title}>
              <Card
                title={s.title}
                extra={s.ruleIds.map((r) => <Tag key={r}>{r}</Tag>)}
                style={{ height: '100%' }}
              >
                <ul style={{ paddingInlineStart: 20, margin: 0 }}>
                  {s.points.map((p) => (
                    <li key={p}>
                      <Typography.Text>{p}</Typography.Text>
                    </li>
                  ))}
                </ul>
              </Card>
            </Col>
          ))}
        </Row>
      </Spin>
    </>
  );
}
