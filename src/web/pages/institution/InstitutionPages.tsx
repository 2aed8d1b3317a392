/** 定点机构 page group (`/institution/*`, institution session); loaded on demand by routes.tsx. */
import { InstitutionGuard } from './InstitutionGuard.tsx';
import { InstitutionLogin } from './InstitutionLogin.tsx';
import { Reconciliation } from './Reconciliation.tsx';
import { UploadStatus } from './UploadStatus.tsx';

export function InstitutionPages(props: { path: string }) {
  if (props.path === '/institution/login') return <InstitutionLogin />;
  return (
    <InstitutionGuard>
      {props.path === '/institution/uploads' ? <UploadStatus /> : <Reconciliation />}
    </InstitutionGuard>
  );
}
