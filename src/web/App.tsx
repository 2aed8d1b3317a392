/** The shell: a header with the navigation (a drawer on phones), the page, and a footer. */
import { Button, Drawer, Grid, Layout, Menu, type MenuProps, Typography } from 'antd';
import { useState } from 'react';
import { MENU } from './menu.ts';
import { navigate, usePath } from './router.ts';
import { pageFor } from './routes.tsx';
import './styles.css';

const { Header, Content, Footer } = Layout;

function menuItems(): MenuProps['items'] {
  return MENU.map((g) => ({
    key: g.key,
    label: g.label,
    children: g.items.map((i) => ({ key: i.path, label: i.label })),
  }));
}

function selectedKey(path: string): string[] {
  const all = MENU.flatMap((g) => g.items.map((i) => i.path));
  const hit = all.find((p) => path === p || path.startsWith(`${p}/`));
  return hit ? [hit] : [];
}

export function App() {
  const path = usePath();
  const screens = Grid.useBreakpoint();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const phone = screens.md === false;
  const onMenu: MenuProps['onClick'] = ({ key }) => {
    setDrawerOpen(false);
    navigate(key);
  };
  return (
    <Layout className="shell">
      <Header className="shell-header">
        <a
          className="brand"
          href="/"
          onClick={(e) => {
            e.preventDefault();
            navigate('/');
          }}
        >
          <img src="/favicon.svg" alt="" width={28} height={28} />
          <span>医保服务平台</span>
        </a>
        {phone ? (
          <Button
            className="menu-button"
            type="text"
            aria-label="打开菜单"
            onClick={() => setDrawerOpen(true)}
          >
            ☰ 菜单
          </Button>
        ) : (
          <Menu
            className="shell-menu"
            theme="dark"
            mode="horizontal"
            selectedKeys={selectedKey(path)}
            items={menuItems()}
            onClick={onMenu}
          />
        )}
      </Header>
      <Drawer
        title="导航"
        placement="right"
        open={drawerOpen}
        onClose={() => setDrawerOpen(false)}
        size={280}
      >
        <Menu
          mode="inline"
          selectedKeys={selectedKey(path)}
          defaultOpenKeys={MENU.map((g) => g.key)}
          items={menuItems()}
          onClick={onMenu}
        />
      </Drawer>
      <Content className="shell-content">{pageFor(path)}</Content>
      <Footer className="shell-footer">
        <Typography.Text type="secondary">
          医保服务平台 · 7×24 小时公共查询 · 演示数据仅供参考，实际待遇以参保地医保部门公布为准
        </Typography.Text>
      </Footer>
    </Layout>
  );
}
