/** What a page shows while its code is still downloading (a lazily loaded page group or chart). */
import { Spin } from 'antd';

export function PageLoading() {
  return <Spin description="页面加载中…" style={{ display: 'block', margin: '48px auto' }} />;
}
