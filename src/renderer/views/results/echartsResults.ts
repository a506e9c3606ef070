/**
 * The ECharts parts only the Results view draws (the confusion heatmap and its colour scale,
 * scatter plots), registered on the window's one tree-shaken ECharts core when this view loads.
 */
import { HeatmapChart, ScatterChart } from 'echarts/charts';
import { VisualMapComponent } from 'echarts/components';
import { echarts } from '../../components/echarts';

echarts.use([HeatmapChart, ScatterChart, VisualMapComponent]);
