/** An ECharts chart that follows its container's size (phones rotate, windows resize). */
import * as echarts from 'echarts';
import { useEffect, useRef } from 'react';

export function EChart(props: { option: echarts.EChartsOption; testId?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | undefined>(undefined);
  useEffect(() => {
    if (!ref.current) return;
    const c = echarts.init(ref.current, undefined, { renderer: 'canvas' });
    chart.current = c;
    const observer = new ResizeObserver(() => c.resize());
    observer.observe(ref.current);
    return () => {
      observer.disconnect();
      c.dispose();
      chart.current = undefined;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(props.option, true);
  }, [props.option]);
  return <div ref={ref} className="chart" data-testid={props.testId} />;
}
