package io.lakelab.jobs.governance;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakelab.jobs.governance.Refusals.Refusal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shared table of refusals: what it refuses, and that each refusal says why. */
class RefusalsTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "spark.sql.catalog.raw",
                "spark.sql.catalog.lakelab.uri",
                " Spark.SQL.DefaultCatalog ",
                "spark.sql.runSQLOnFiles",
                "spark.sql.legacy.storeAnalyzedPlanForView",
                "spark.sql.extensions",
                "spark.jars.packages",
                "spark.sql.warehouse.dir",
                "spark.sql.variable.substitute",
                "spark.sql.redaction.string.regex"
            })
    void refusedSettings(String key) {
        assertThat(Refusals.setting(key))
                .get()
                .extracting(Refusal::message)
                .asString()
                .startsWith("SET " + key.trim() + " is not allowed in a job: ")
                .endsWith(".");
    }

    @ParameterizedTest
    @ValueSource(strings = {"spark.sql.shuffle.partitions", "spark.sql.ansi.enabled", "spark.wap.branch"})
    void harmlessSettingsPass(String key) {
        assertThat(Refusals.setting(key)).isEmpty();
    }

    @Test
    void substitutionRefusalSaysWhatItWouldRead() {
        assertThat(Refusals.setting("spark.sql.variable.substitute")
                        .orElseThrow()
                        .message())
                .contains("environment variables, system properties and settings")
                .contains("write values into the SQL instead");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "reflect",
                "JAVA_METHOD",
                "try_reflect",
                "input_file_name",
                "input_file_block_start",
                "input_file_block_length"
            })
    void refusedFunctions(String name) {
        assertThat(Refusals.function(name))
                .get()
                .extracting(Refusal::what)
                .isEqualTo(name.toLowerCase(java.util.Locale.ROOT) + "()");
    }

    @Test
    void ordinaryFunctionsPass() {
        assertThat(Refusals.function("sha2")).isEmpty();
        assertThat(Refusals.function("uscc_valid")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "location",
                "path",
                "write.data.path",
                "WRITE.METADATA.PATH",
                "write.object-storage.path",
                "write.folder-storage.path",
                "write.location-provider.impl",
                "option.path",
                "some.future.location"
            })
    void tablePropertiesThatPlaceFilesAreRefused(String key) {
        assertThat(Refusals.tableProperty(key))
                .get()
                .extracting(Refusal::message)
                .asString()
                .contains("table property '" + key + "' is not allowed in a job")
                .contains("another table's directory");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "format-version",
                "write.object-storage.enabled",
                "write.object-storage.partitioned-paths",
                "write.metadata.delete-after-commit.enabled",
                "comment"
            })
    void otherTablePropertiesPass(String key) {
        assertThat(Refusals.tableProperty(key)).isEmpty();
    }

    @Test
    void everyPathPropertyOfIcebergIsListed() {
        assertThat(Refusals.LOCATION_PROPERTIES)
                .contains(
                        org.apache.iceberg.TableProperties.WRITE_DATA_LOCATION,
                        org.apache.iceberg.TableProperties.WRITE_METADATA_LOCATION,
                        org.apache.iceberg.TableProperties.OBJECT_STORE_PATH,
                        org.apache.iceberg.TableProperties.WRITE_FOLDER_STORAGE_LOCATION,
                        org.apache.iceberg.TableProperties.WRITE_LOCATION_PROVIDER_IMPL);
    }
}
