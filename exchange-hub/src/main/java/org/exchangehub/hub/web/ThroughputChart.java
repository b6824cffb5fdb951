package org.exchangehub.hub.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The dashboard's throughput chart as SVG geometry, drawn on the server (no script): records accepted and anchored per
 * minute over the last hour as two polylines (solid and dashed, so the two differ without colour), with a scale.
 *
 * @param accepted the {@code points} of the accepted line
 * @param anchored the {@code points} of the anchored line
 * @param scaleMax the value at the top of the scale
 * @param gridLines the horizontal lines of the scale, each with its value
 */
record ThroughputChart(
        int width, int height, String accepted, String anchored, long scaleMax, List<GridLine> gridLines) {

    static final int WIDTH = 720;
    static final int HEIGHT = 220;
    static final int LEFT = 56;
    static final int RIGHT = 12;
    static final int TOP = 12;
    static final int BOTTOM = 28;

    /** A horizontal line of the scale at {@code y}, for {@code value} records a minute. */
    record GridLine(double y, long value) {}

    static ThroughputChart of(DashboardFigures.Throughput throughput) {
        // four equal steps of 1, 2 or 5 times a power of ten
        long scaleMax = 4 * niceCeiling(Math.max(1, (throughput.peak() + 3) / 4));
        List<GridLine> grid = new ArrayList<>();
        for (int i = 0; i <= 4; i++) {
            long value = scaleMax * i / 4;
            grid.add(new GridLine(y(value, scaleMax), value));
        }
        return new ThroughputChart(
                WIDTH,
                HEIGHT,
                points(throughput.accepted(), scaleMax),
                points(throughput.anchored(), scaleMax),
                scaleMax,
                grid);
    }

    public int left() {
        return LEFT;
    }

    public int right() {
        return WIDTH - RIGHT;
    }

    public int bottom() {
        return HEIGHT - BOTTOM;
    }

    private static String points(long[] values, long scaleMax) {
        StringBuilder points = new StringBuilder();
        double step = (double) (WIDTH - LEFT - RIGHT) / (values.length - 1);
        for (int i = 0; i < values.length; i++) {
            points.append(i == 0 ? "" : " ")
                    .append(String.format(Locale.ROOT, "%.1f,%.1f", LEFT + i * step, y(values[i], scaleMax)));
        }
        return points.toString();
    }

    private static double y(long value, long scaleMax) {
        double plot = HEIGHT - TOP - BOTTOM;
        return TOP + plot - plot * value / scaleMax;
    }

    /** 1, 2 or 5 times a power of ten, at least {@code value}. */
    static long niceCeiling(long value) {
        long power = 1;
        while (true) {
            for (long step : new long[] {1, 2, 5}) {
                if (step * power >= value) {
                    return step * power;
                }
            }
            power *= 10;
        }
    }
}
