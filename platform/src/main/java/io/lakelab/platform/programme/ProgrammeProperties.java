package io.lakelab.platform.programme;

import java.time.Period;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The programme's rules: how long the pilot lasts from approval, the time zone its dates and
 * months are in, and the rules that turn an evaluation into a recommendation.
 *
 * @param pilotPeriod the pilot period from approval (notice: one year)
 * @param zone the zone of approval dates, deadlines and report months
 * @param upgradeShareMet the share of all task indicators (mandatory or not) that must be met, with
 *     every mandatory one, to recommend UPGRADE; above 1 never recommends it
 */
@ConfigurationProperties("lakelab.programme")
public record ProgrammeProperties(Period pilotPeriod, ZoneId zone, Double upgradeShareMet) {

    public ProgrammeProperties {
        pilotPeriod = pilotPeriod == null ? Period.ofYears(1) : pilotPeriod;
        zone = zone == null ? ZoneId.of("Asia/Shanghai") : zone;
        upgradeShareMet = upgradeShareMet == null ? 1.0 : upgradeShareMet;
    }
}
