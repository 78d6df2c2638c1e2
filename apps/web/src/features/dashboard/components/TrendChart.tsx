import { LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { COMPLIANCE_COLUMN_LABEL } from '../../../lib/i18n';

const COMPLETED = COMPLIANCE_COLUMN_LABEL.completed;

echarts.use([LineChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, SVGRenderer]);

export interface TrendPoint {
  day: string;
  completionRate: number;
  completed: number;
  submitted: number;
  overdue: number;
}

/** The trend as a line chart (ECharts, drawn in SVG); the same numbers are in the table beside it. */
export function TrendChart({ points }: { points: TrendPoint[] }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: 'svg', locale: 'EN' });
    const days = points.map((p) => `${p.day.slice(8, 10)}/${p.day.slice(5, 7)}`);
    chart.setOption({
      aria: {
        enabled: true,
        label: { description: 'Andamento del completamento; i valori sono nella tabella che segue.' },
      },
      animation: false,
      textStyle: { fontFamily: 'Titillium Web, sans-serif' },
      tooltip: { trigger: 'axis' },
      legend: { data: ['Completamento (%)', COMPLETED, 'Da validare', 'In ritardo'], bottom: 0 },
      grid: { left: 48, right: 48, top: 16, bottom: 56 },
      xAxis: { type: 'category', data: days },
      yAxis: [
        { type: 'value', name: '%', min: 0, max: 100 },
        { type: 'value', name: 'attività', minInterval: 1 },
      ],
      series: [
        {
          name: 'Completamento (%)',
          type: 'line',
          data: points.map((p) => Math.round(p.completionRate * 1000) / 10),
          lineStyle: { width: 3 },
          color: '#0066cc',
        },
        {
          name: COMPLETED,
          type: 'line',
          yAxisIndex: 1,
          data: points.map((p) => p.completed),
          color: '#008055',
          lineStyle: { type: 'dashed' },
        },
        {
          name: 'Da validare',
          type: 'line',
          yAxisIndex: 1,
          data: points.map((p) => p.submitted),
          color: '#a66300',
          lineStyle: { type: 'dotted' },
        },
        {
          name: 'In ritardo',
          type: 'line',
          yAxisIndex: 1,
          data: points.map((p) => p.overdue),
          color: '#cc334d',
        },
      ],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [points]);
  return (
    <div ref={ref} className="rtd-chart" role="img" aria-label="Grafico dell’andamento del completamento" />
  );
}
