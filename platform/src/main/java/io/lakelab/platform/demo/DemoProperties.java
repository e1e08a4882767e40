package io.lakelab.platform.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The built-in demo scenario ({@code ./lakelab demo}): off by default; {@code exit} makes the
 * platform print the summary as JSON on the last line and stop with exit code 0 or 1.
 */
@ConfigurationProperties("lakelab.demo")
public record DemoProperties(boolean enabled, boolean exit, int enterprises, long seed) {

    public DemoProperties {
        if (enterprises <= 0) {
            enterprises = 2000;
        }
        if (seed == 0) {
            seed = 2021;
        }
    }
}
