/** Pick a pooling region, grouped by province (regions come from the public API). */
import { Select } from 'antd';
import { useApi } from '../hooks.ts';
import type { Region } from '../types.ts';

export function RegionSelect(props: {
  value?: string;
  onChange: (v: string | undefined) => void;
  allowClear?: boolean;
  placeholder?: string;
  id?: string;
}) {
  const { data, loading } = useApi<{ items: Region[] }>('/api/public/regions');
  const provinces = new Map<string, { label: string; options: { value: string; label: string }[] }>();
  for (const r of data?.items ?? []) {
    const group = provinces.get(r.provinceCode) ?? { label: r.provinceName, options: [] };
    group.options.push({ value: r.code, label: `${r.name}（${r.code}）` });
    provinces.set(r.provinceCode, group);
  }
  return (
    <Select
      id={props.id}
      showSearch={{ optionFilterProp: 'label' }}
      allowClear={props.allowClear}
      loading={loading}
      placeholder={props.placeholder ?? '选择统筹区'}
      value={props.value}
      onChange={(v) => props.onChange(v ?? undefined)}
      options={[...provinces.values()]}
      style={{ minWidth: 200, width: '100%' }}
    />
  );
}
