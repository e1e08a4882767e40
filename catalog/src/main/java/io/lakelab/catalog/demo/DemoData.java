package io.lakelab.catalog.demo;

import io.lakelab.catalog.UnifiedCreditCode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The generated rows of the demo scenario, built once from a seed. Only {@link java.util.Random} with
 * a fixed seed and a fixed call order is used, so the same (enterprises, seed) gives the same rows on
 * every JVM.
 */
final class DemoData {
    static final double BAD_CHECK_SHARE = 0.03;
    static final double UNKNOWN_SHARE = 0.04;
    /** Share of valid enterprises without consumption data (no smart meter yet): keeps coverage below 1. */
    static final double NO_METER_SHARE = 0.10;

    static final double ELECTRICITY_KG_PER_KWH = 0.5703;
    static final double GAS_KG_PER_M3 = 2.16;

    /** Shanghai's 16 districts with their administrative division codes (GB/T 2260). */
    static final String[][] DISTRICTS = {
        {"黄浦区", "310101"}, {"徐汇区", "310104"}, {"长宁区", "310105"}, {"静安区", "310106"},
        {"普陀区", "310107"}, {"虹口区", "310109"}, {"杨浦区", "310110"}, {"闵行区", "310112"},
        {"宝山区", "310113"}, {"嘉定区", "310114"}, {"浦东新区", "310115"}, {"金山区", "310116"},
        {"松江区", "310117"}, {"青浦区", "310118"}, {"奉贤区", "310120"}, {"崇明区", "310151"}
    };

    /** GB/T 4754-2017 sections with a name word and monthly kWh / m3 ranges typical for SMEs. */
    private static final Industry[] INDUSTRIES = {
        new Industry("C", new String[] {"机械制造", "精密材料", "化工", "汽车零部件"}, 50_000, 800_000, 5_000, 60_000, 8),
        new Industry("D", new String[] {"能源", "热力"}, 200_000, 2_000_000, 50_000, 400_000, 1),
        new Industry("E", new String[] {"建设工程", "建筑装饰"}, 10_000, 150_000, 500, 5_000, 2),
        new Industry("F", new String[] {"贸易", "商贸"}, 5_000, 80_000, 0, 3_000, 4),
        new Industry("G", new String[] {"物流", "运输", "供应链"}, 20_000, 300_000, 1_000, 10_000, 3),
        new Industry("I", new String[] {"信息科技", "数据科技"}, 10_000, 100_000, 0, 0, 2)
    };

    private static final String[] NAME_PARTS = {
        "华", "申", "东", "沪", "浦", "金", "江", "海", "宏", "恒", "新", "瑞", "远", "博", "达", "盛", "鑫", "泰", "嘉", "润"
    };

    private static final String LETTERS = "ABCDEFGHJKLMNPQRTUWXY";

    record Industry(String code, String[] words, int kwhMin, int kwhMax, int gasMin, int gasMax, int weight) {}

    record Enterprise(
            String creditCode,
            String name,
            String district,
            String industryCode,
            BigDecimal capital,
            boolean badCode) {}

    record Consumption(String creditCode, LocalDate month, double electricityKwh, Double gasM3) {}

    final List<Enterprise> registry = new ArrayList<>();
    final List<Consumption> consumption = new ArrayList<>();
    final Set<String> unknownCodes = new LinkedHashSet<>();

    DemoData(int enterprises, long seed) {
        Random random = new Random(seed);
        Set<String> codes = new HashSet<>();
        Set<String> names = new HashSet<>();
        Set<Integer> bad = pick(random, enterprises, (int) Math.round(enterprises * BAD_CHECK_SHARE));
        for (int i = 0; i < enterprises; i++) {
            String[] district = DISTRICTS[random.nextInt(DISTRICTS.length)];
            Industry industry = industry(random);
            String code = uniqueCode(random, district[1], codes);
            if (bad.contains(i)) {
                code = withWrongCheck(random, code);
            }
            String name = uniqueName(random, industry, names);
            BigDecimal capital = BigDecimal.valueOf(100 + random.nextInt(19_900) + random.nextInt(100) / 100.0)
                    .setScale(2, RoundingMode.HALF_UP);
            registry.add(new Enterprise(code, name, district[0], industry.code(), capital, bad.contains(i)));
        }
        for (Enterprise e : registry) {
            // the energy company keys readings by the code as registered, typos included
            if (random.nextDouble() >= NO_METER_SHARE) {
                addYear(random, e.creditCode(), industryOf(e.industryCode()));
            }
        }
        int unknown = (int) Math.round(consumption.size() * UNKNOWN_SHARE / (1 - UNKNOWN_SHARE) / 12);
        for (int i = 0; i < unknown; i++) {
            String code = uniqueCode(random, DISTRICTS[random.nextInt(DISTRICTS.length)][1], codes);
            unknownCodes.add(code);
            addYear(random, code, industry(random));
        }
        // interleave the unknown enterprises with the known ones, as a real export would be ordered
        Collections.shuffle(consumption, random);
        consumption.sort((a, b) -> a.month().compareTo(b.month()));
    }

    private void addYear(Random random, String code, Industry industry) {
        double baseKwh = industry.kwhMin() + random.nextDouble() * (industry.kwhMax() - industry.kwhMin());
        double baseGas = industry.gasMin() + random.nextDouble() * (industry.gasMax() - industry.gasMin());
        boolean hasGas = industry.gasMax() > 0;
        for (int m = 1; m <= 12; m++) {
            double summer = (m == 7 || m == 8) ? 1.25 : 1.0;
            double winter = (m == 1 || m == 2 || m == 12) ? 1.3 : 1.0;
            double noise = 0.9 + random.nextDouble() * 0.2;
            double kwh = round1(baseKwh * summer * noise);
            Double gas = hasGas ? round1(baseGas * winter * noise) : null;
            consumption.add(new Consumption(code, LocalDate.of(2025, m, 1), kwh, gas));
        }
    }

    private static Industry industry(Random random) {
        int total = 0;
        for (Industry i : INDUSTRIES) {
            total += i.weight();
        }
        int r = random.nextInt(total);
        for (Industry i : INDUSTRIES) {
            r -= i.weight();
            if (r < 0) {
                return i;
            }
        }
        throw new IllegalStateException("unreachable");
    }

    private static Industry industryOf(String code) {
        for (Industry i : INDUSTRIES) {
            if (i.code().equals(code)) {
                return i;
            }
        }
        throw new IllegalArgumentException(code);
    }

    /** 9 = registered by market regulation, 1 = enterprise, then the district code and an org code. */
    private static String uniqueCode(Random random, String division, Set<String> codes) {
        while (true) {
            StringBuilder sb = new StringBuilder("91").append(division);
            for (int i = 0; i < 9; i++) {
                // organisation codes are mostly digits; letters appear in a few positions
                sb.append(
                        random.nextInt(5) == 0
                                ? LETTERS.charAt(random.nextInt(LETTERS.length()))
                                : (char) ('0' + random.nextInt(10)));
            }
            String code = UnifiedCreditCode.withCheckDigit(sb.substring(0, 17));
            if (codes.add(code)) {
                return code;
            }
        }
    }

    private static String withWrongCheck(Random random, String code) {
        String charset = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        char wrong;
        do {
            wrong = charset.charAt(random.nextInt(charset.length()));
        } while (wrong == code.charAt(17));
        return code.substring(0, 17) + wrong;
    }

    private static String uniqueName(Random random, Industry industry, Set<String> names) {
        while (true) {
            int first = random.nextInt(NAME_PARTS.length);
            // never the same character twice: "上海江江" reads like a typo
            int second = (first + 1 + random.nextInt(NAME_PARTS.length - 1)) % NAME_PARTS.length;
            String name = "上海"
                    + NAME_PARTS[first]
                    + NAME_PARTS[second]
                    + industry.words()[random.nextInt(industry.words().length)]
                    + "有限公司";
            if (names.add(name)) {
                return name;
            }
            if (names.size() > NAME_PARTS.length * NAME_PARTS.length) {
                // large scenarios run out of two-character brands: number the branches
                name = name.replace("有限公司", "第" + names.size() + "分公司");
                names.add(name);
                return name;
            }
        }
    }

    private static Set<Integer> pick(Random random, int n, int count) {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(i);
        }
        Collections.shuffle(all, random);
        return new HashSet<>(all.subList(0, Math.min(count, n)));
    }

    Set<String> validRegistryCodes() {
        Set<String> valid = new HashSet<>();
        for (Enterprise e : registry) {
            if (UnifiedCreditCode.isValid(e.creditCode())) {
                valid.add(e.creditCode());
            }
        }
        return valid;
    }

    long matchedEnterpriseCount() {
        Set<String> valid = validRegistryCodes();
        return consumption.stream()
                .map(Consumption::creditCode)
                .filter(valid::contains)
                .distinct()
                .count();
    }

    /** Mirrors the fusion SQL: matched rows only, missing gas counts as zero. */
    double matchedEmissionsTonnes() {
        Set<String> valid = validRegistryCodes();
        double kg = 0;
        for (Consumption c : consumption) {
            if (valid.contains(c.creditCode())) {
                kg += c.electricityKwh() * ELECTRICITY_KG_PER_KWH + (c.gasM3() == null ? 0 : c.gasM3()) * GAS_KG_PER_M3;
            }
        }
        return kg / 1000;
    }

    static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
