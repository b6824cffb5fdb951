package org.exchangehub.adapters.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Random;
import org.exchangehub.adapters.demo.DemoCity.District;

/** How a project prices its units (申报价格): per m² from its district's price, higher up dearer; parking per space. */
record UnitPricing(double flatPricePerSquareMetre, BigDecimal parkingSpacePrice) {

    /** A shop on the ground floor costs this much more per m² than a flat. */
    private static final double SHOP_MARKUP = 1.6;

    /** Each floor up adds this share to the price per m². */
    private static final double PER_FLOOR = 0.004;

    static UnitPricing of(Random random, District district) {
        double projectFactor = 0.9 + 0.2 * random.nextDouble();
        BigDecimal parking =
                BigDecimal.valueOf(120_000 + 10_000L * random.nextInt(21), 0).setScale(2);
        return new UnitPricing(district.pricePerSquareMetre() * projectFactor, parking);
    }

    BigDecimal flat(BigDecimal area, int floor) {
        return wholeYuan(area.doubleValue() * flatPricePerSquareMetre * (1 + PER_FLOOR * (floor - 1)));
    }

    BigDecimal shop(BigDecimal area) {
        return wholeYuan(area.doubleValue() * flatPricePerSquareMetre * SHOP_MARKUP);
    }

    private static BigDecimal wholeYuan(double price) {
        return BigDecimal.valueOf(price).setScale(0, RoundingMode.HALF_UP).setScale(2);
    }
}
