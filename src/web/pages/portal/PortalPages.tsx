/**
 * 公共服务 page group (no login), loaded on demand by routes.tsx. The home page — where most visitors
 * land, often on a phone — is in this chunk; the query pages with their tables and forms are chunks
 * of their own, fetched when opened.
 */
import { lazy, Suspense } from 'react';
import { PageLoading } from '../../components/PageLoading.tsx';
import { Home } from './Home.tsx';

const Institutions = lazy(() => import('./Institutions.tsx').then((m) => ({ default: m.Institutions })));
const Catalog = lazy(() => import('./Catalog.tsx').then((m) => ({ default: m.Catalog })));
const Rules = lazy(() => import('./Rules.tsx').then((m) => ({ default: m.Rules })));

/** `p` is the normalised path; an unknown path shows the home page with a notice. */
export function PortalPages(props: { path: string }) {
  const p = props.path;
  if (p === '/') return <Home />;
  return <Suspense fallback={<PageLoading />}>{queryPage(p)}</Suspense>;
}

function queryPage(p: string) {
  if (p === '/portal/institutions' || p === '/portal') return <Institutions />;
  if (p === '/portal/catalog') return <Catalog />;
  if (p === '/portal/rules') return <Rules />;
  return <Home notFound />;
}
