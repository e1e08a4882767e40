package io.lakelab.platform.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.data.category.DefaultCategoryDataset;

/** Trend charts (JFreeChart, rendered headless to PNG) with the target as a dashed line. */
final class Charts {

    private Charts() {}

    static byte[] trend(
            String title,
            String valueLabel,
            String targetLabel,
            List<MonthlyNumbers.TrendPoint> points,
            double target,
            CjkFont cjkFont) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (MonthlyNumbers.TrendPoint p : points) {
            data.addValue(p.value(), valueLabel, p.month());
        }
        JFreeChart chart =
                ChartFactory.createLineChart(title, null, null, data, PlotOrientation.VERTICAL, true, false, false);
        Font font = cjkFont.awt();
        chart.getTitle().setFont(font.deriveFont(Font.BOLD, 13f));
        chart.getLegend().setItemFont(font.deriveFont(11f));
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.getDomainAxis().setTickLabelFont(font.deriveFont(10f));
        plot.getRangeAxis().setTickLabelFont(font.deriveFont(10f));
        ValueMarker marker = new ValueMarker(target);
        marker.setPaint(new Color(0xcc, 0x33, 0x33));
        marker.setStroke(
                new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        marker.setLabel(targetLabel + " " + ReportText.number(target));
        marker.setLabelFont(font.deriveFont(10f));
        plot.addRangeMarker(marker);
        plot.getRenderer().setSeriesStroke(0, new BasicStroke(2f));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ChartUtils.writeChartAsPNG(out, chart, 640, 260);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
