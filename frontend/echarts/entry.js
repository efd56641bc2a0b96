// The charts and components QualityCity's pages use. Add a chart type here, then run
// scripts/build-echarts.sh, which writes src/main/resources/static/vendor/echarts-qc.min.js.
import * as echarts from 'echarts/core';
import { MapChart, LineChart, BarChart, PieChart, GraphChart } from 'echarts/charts';
import {
  TooltipComponent, LegendComponent, LegendScrollComponent, GridComponent, MarkLineComponent,
  TitleComponent, VisualMapComponent, DatasetComponent
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([
  MapChart, LineChart, BarChart, PieChart, GraphChart,
  TooltipComponent, LegendComponent, LegendScrollComponent, GridComponent, MarkLineComponent,
  TitleComponent, VisualMapComponent, DatasetComponent,
  CanvasRenderer
]);

window.echarts = echarts;
