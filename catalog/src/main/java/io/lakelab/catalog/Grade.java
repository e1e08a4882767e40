package io.lakelab.catalog;

import java.util.Collection;

/**
 * Data grade under GB/T 43697-2024 (数据安全技术 数据分类分级规则), declared in order of severity so
 * that {@link #compareTo} ranks them. Derived data takes the highest grade of its inputs (就高从严).
 */
public enum Grade {
    GENERAL,
    IMPORTANT,
    CORE;

    /** The most severe grade in {@code grades}; {@link #GENERAL} when there are none. */
    public static Grade highest(Collection<Grade> grades) {
        Grade result = GENERAL;
        for (Grade grade : grades) {
            if (grade != null && grade.compareTo(result) > 0) {
                result = grade;
            }
        }
        return result;
    }
}
