/** 我的医保 page group (`/me/*`, person session); loaded on demand by routes.tsx. */
import { Account } from './Account.tsx';
import { MyChronic } from './Chronic.tsx';
import { MyClaims } from './Claims.tsx';
import { Contributions } from './Contributions.tsx';
import { Credential } from './Credential.tsx';
import { Estimate } from './Estimate.tsx';
import { Feedback } from './Feedback.tsx';
import { Filings } from './Filings.tsx';
import { PersonGuard } from './PersonGuard.tsx';
import { PersonLogin } from './PersonLogin.tsx';
import { SettlementDetailPage } from './SettlementDetail.tsx';
import { Settlements } from './Settlements.tsx';
import { MyTransfers } from './Transfers.tsx';

export function PersonPages(props: { path: string }) {
  if (props.path === '/me/login') return <PersonLogin />;
  return <PersonGuard>{personPage(props.path)}</PersonGuard>;
}

function personPage(p: string) {
  const detail = /^\/me\/settlements\/([^/]+)$/.exec(p);
  if (detail) return <SettlementDetailPage id={decodeURIComponent(detail[1] ?? '')} />;
  if (p === '/me/filings') return <Filings />;
  if (p === '/me/chronic') return <MyChronic />;
  if (p === '/me/claims') return <MyClaims />;
  if (p === '/me/transfers') return <MyTransfers />;
  if (p === '/me/estimate') return <Estimate />;
  if (p === '/me/credential') return <Credential />;
  if (p === '/me/feedback') return <Feedback />;
  if (p === '/me/account') return <Account />;
  if (p === '/me/contributions') return <Contributions />;
  return <Settlements />;
}
