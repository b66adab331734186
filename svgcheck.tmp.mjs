import * as echarts from 'echarts';
const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 400, height: 300 });
chart.setOption({ xAxis: {type:'value'}, yAxis: {}, series: [{type:'line', stack:'b', data:[[1,1],[2,2]], lineStyle:{opacity:0}}, {type:'line', stack:'b', areaStyle:{opacity:0.18, color:'#f00'}, data:[[1,1],[2,1]], lineStyle:{opacity:0}}] });
const s = chart.renderToSVGString();
console.log(s.match(/<path[^>]*opacity[^>]*>/g));
