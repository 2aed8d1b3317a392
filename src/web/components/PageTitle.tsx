import { Typography } from 'antd';
import type { ReactNode } from 'react';

export function PageTitle(props: { children: ReactNode; extra?: ReactNode }) {
  return (
    <div
      style={{
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'space-between',
        gap: 12,
        flexWrap: 'wrap',
        marginBottom: 12,
      }}
    >
      <Typography.Title level={3} className="page-title">
        {props.children}
      </Typography.Title>
      {props.extra}
    </div>
  );
}
