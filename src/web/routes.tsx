/** The page table: path → page, and the navigation menu built from it. */
import type { ReactNode } from 'react';
import { AgencyGuard } from './pages/agency/AgencyGuard.tsx';
import { AgencyLogin } from './pages/agency/AgencyLogin.tsx';
import { Chronic } from './pages/agency/Chronic.tsx';
import { Claims } from './pages/agency/Claims.tsx';
import { Clearing } from './pages/agency/Clearing.tsx';
import { Complaints } from './pages/agency/Complaints.tsx';
import { Dashboard } from './pages/agency/Dashboard.tsx';
import { Queue } from './pages/agency/Queue.tsx';
import { Transfers } from './pages/agency/Transfers.tsx';
import { InstitutionGuard } from './pages/institution/InstitutionGuard.tsx';
import { InstitutionLogin } from './pages/institution/InstitutionLogin.tsx';
import { Reconciliation } from './pages/institution/Reconciliation.tsx';
import { UploadStatus } from './pages/institution/UploadStatus.tsx';
import { Account } from './pages/person/Account.tsx';
import { MyChronic } from './pages/person/Chronic.tsx';
import { MyClaims } from './pages/person/Claims.tsx';
import { Contributions } from './pages/person/Contributions.tsx';
import { Credential } from './pages/person/Credential.tsx';
import { Estimate } from './pages/person/Estimate.tsx';
import { Feedback } from './pages/person/Feedback.tsx';
import { Filings } from './pages/person/Filings.tsx';
import { PersonGuard } from './pages/person/PersonGuard.tsx';
import { PersonLogin } from './pages/person/PersonLogin.tsx';
import { SettlementDetailPage } from './pages/person/SettlementDetail.tsx';
import { Settlements } from './pages/person/Settlements.tsx';
import { MyTransfers } from './pages/person/Transfers.tsx';
import { Catalog } from './pages/portal/Catalog.tsx';
import { Home } from './pages/portal/Home.tsx';
import { Institutions } from './pages/portal/Institutions.tsx';
import { Rules } from './pages/portal/Rules.tsx';

export interface MenuGroup {
  key: string;
  label: string;
  items: { path: string; label: string }[];
}

export const MENU: MenuGroup[] = [
  {
    key: 'portal',
    label: '公共服务',
    items: [
      { path: '/portal/institutions', label: '定点机构查询' },
      { path: '/portal/catalog', label: '医保目录查询' },
      { path: '/portal/rules', label: '异地就医备案须知' },
    ],
  },
  {
    key: 'me',
    label: '我的医保',
    items: [
      { path: '/me/settlements', label: '结算记录' },
      { path: '/me/filings', label: '异地就医备案' },
      { path: '/me/chronic', label: '门慢特申请' },
      { path: '/me/claims', label: '手工报销' },
      { path: '/me/transfers', label: '关系转移' },
      { path: '/me/estimate', label: '费用预估' },
      { path: '/me/credential', label: '医保码' },
      { path: '/me/account', label: '个人账户' },
      { path: '/me/contributions', label: '缴费记录' },
      { path: '/me/feedback', label: '投诉与评价' },
    ],
  },
  {
    key: 'agency',
    label: '经办后台',
    items: [
      { path: '/agency/queue', label: '综合待办' },
      { path: '/agency/chronic', label: '门慢特' },
      { path: '/agency/claims', label: '手工报销' },
      { path: '/agency/transfers', label: '关系转移' },
      { path: '/agency/complaints', label: '投诉台账' },
      { path: '/agency/clearing', label: '清算对账单' },
      { path: '/agency/dashboard', label: '统计分析' },
    ],
  },
  {
    key: 'institution',
    label: '定点机构',
    items: [
      { path: '/institution/reconciliation', label: '对账' },
      { path: '/institution/uploads', label: '上传状态' },
    ],
  },
];

export function pageFor(path: string): ReactNode {
  const p = path.replace(/\/+$/, '') || '/';
  if (p === '/') return <Home />;
  if (p === '/portal/institutions' || p === '/portal') return <Institutions />;
  if (p === '/portal/catalog') return <Catalog />;
  if (p === '/portal/rules') return <Rules />;
  if (p === '/me/login') return <PersonLogin />;
  if (p === '/agency/login') return <AgencyLogin />;
  if (p.startsWith('/me')) return <PersonGuard>{personPage(p)}</PersonGuard>;
  if (p.startsWith('/agency')) return <AgencyGuard>{agencyPage(p)}</AgencyGuard>;
  if (p === '/institution/login') return <InstitutionLogin />;
  if (p.startsWith('/institution')) return <InstitutionGuard>{institutionPage(p)}</InstitutionGuard>;
  return <Home notFound />;
}

function personPage(p: string): ReactNode {
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

function agencyPage(p: string): ReactNode {
  if (p === '/agency/complaints') return <Complaints />;
  if (p === '/agency/dashboard') return <Dashboard />;
  if (p === '/agency/chronic') return <Chronic />;
  if (p === '/agency/claims') return <Claims />;
  if (p === '/agency/transfers') return <Transfers />;
  if (p === '/agency/clearing') return <Clearing />;
  return <Queue />;
}

function institutionPage(p: string): ReactNode {
  if (p === '/institution/uploads') return <UploadStatus />;
  return <Reconciliation />;
}
