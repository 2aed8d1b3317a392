/**
 * The page table: path → page group. Each group (公共服务, 我的医保 `/me/*`, 经办后台 `/agency/*`, 定点机构
 * `/institution/*`) is its own chunk, downloaded when a path of the group is first opened, so the public
 * portal — the page most people open first, often on a phone — does not carry the console's code.
 * The menu itself is in menu.ts.
 */
import { Alert, Button } from 'antd';
import { Component, type ComponentType, lazy, type ReactNode, Suspense } from 'react';
import { PageLoading } from './components/PageLoading.tsx';

type GroupProps = { path: string };

const PortalPages = lazy(() =>
  import('./pages/portal/PortalPages.tsx').then((m) => ({ default: m.PortalPages })),
);
const PersonPages = lazy(() =>
  import('./pages/person/PersonPages.tsx').then((m) => ({ default: m.PersonPages })),
);
const AgencyPages = lazy(() =>
  import('./pages/agency/AgencyPages.tsx').then((m) => ({ default: m.AgencyPages })),
);
const InstitutionPages = lazy(() =>
  import('./pages/institution/InstitutionPages.tsx').then((m) => ({ default: m.InstitutionPages })),
);

function groupFor(p: string): ComponentType<GroupProps> {
  if (p.startsWith('/me')) return PersonPages;
  if (p.startsWith('/agency')) return AgencyPages;
  if (p.startsWith('/institution')) return InstitutionPages;
  return PortalPages;
}

export function pageFor(path: string): ReactNode {
  const p = path.replace(/\/+$/, '') || '/';
  const Group = groupFor(p);
  return (
    <LoadFailed path={p}>
      <Suspense fallback={<PageLoading />}>
        <Group path={p} />
      </Suspense>
    </LoadFailed>
  );
}

/**
 * A page group's chunk could not be downloaded (network gone, or the server was updated and the old
 * hashed file is gone): say so and offer a reload instead of a blank page. Another path clears the
 * message (a group already loaded still works); React.lazy keeps the failure, so the group itself needs
 * the reload.
 */
class LoadFailed extends Component<{ path: string; children: ReactNode }, { path: string; failed: boolean }> {
  state = { path: this.props.path, failed: false };

  static getDerivedStateFromProps(props: { path: string }, state: { path: string }) {
    return props.path === state.path ? null : { path: props.path, failed: false };
  }

  static getDerivedStateFromError() {
    return { failed: true };
  }

  render() {
    if (!this.state.failed) return this.props.children;
    return (
      <Alert
        type="error"
        showIcon
        title="页面加载失败，请检查网络后刷新重试。"
        action={<Button onClick={() => window.location.reload()}>刷新</Button>}
      />
    );
  }
}
