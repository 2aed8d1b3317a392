/** The navigation menu: the app's page groups and their pages (the shell's menu and the home page's doors). */
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
