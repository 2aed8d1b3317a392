/**
 * 经办后台 page group (`/agency/*`, staff session); loaded on demand by routes.tsx. The dashboard, the
 * only page with ECharts, is a further chunk of its own, so the other console pages never download it.
 */
import { lazy, Suspense } from 'react';
import { PageLoading } from '../../components/PageLoading.tsx';
import { AgencyGuard } from './AgencyGuard.tsx';
import { AgencyLogin } from './AgencyLogin.tsx';
import { Chronic } from './Chronic.tsx';
import { Claims } from './Claims.tsx';
import { Clearing } from './Clearing.tsx';
import { Complaints } from './Complaints.tsx';
import { Queue } from './Queue.tsx';
import { Transfers } from './Transfers.tsx';

const Dashboard = lazy(() => import('./Dashboard.tsx').then((m) => ({ default: m.Dashboard })));

export function AgencyPages(props: { path: string }) {
  if (props.path === '/agency/login') return <AgencyLogin />;
  return <AgencyGuard>{agencyPage(props.path)}</AgencyGuard>;
}

function agencyPage(p: string) {
  if (p === '/agency/complaints') return <Complaints />;
  if (p === '/agency/dashboard')
    return (
      <Suspense fallback={<PageLoading />}>
        <Dashboard />
      </Suspense>
    );
  if (p === '/agency/chronic') return <Chronic />;
  if (p === '/agency/claims') return <Claims />;
  if (p === '/agency/transfers') return <Transfers />;
  if (p === '/agency/clearing') return <Clearing />;
  return <Queue />;
}
