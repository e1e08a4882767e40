package io.lakelab.catalog.iceberg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakelab.catalog.ErrorCategory;
import io.lakelab.catalog.LakeLabException;
import java.nio.file.Path;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IcebergCatalogsIT {

    @TempDir
    Path tmp;

    @Test
    void opensJdbcCatalogNamedLakelabAndEnsuresNamespacesIdempotently() {
        Catalog catalog = IcebergCatalogs.open(TestCatalogs.newSettings(tmp.resolve("wh")));
        assertThat(catalog.name()).isEqualTo("lakelab");
        IcebergCatalogs.ensureNamespace(catalog, "lab_lowcarbon");
        IcebergCatalogs.ensureNamespace(catalog, "lab_lowcarbon");
        assertThat(((SupportsNamespaces) catalog).namespaceExists(Namespace.of("lab_lowcarbon")))
                .isTrue();
    }

    @Test
    void unreachableDatabaseIsAnExternalError() {
        IcebergSettings nowhere =
                new IcebergSettings("jdbc:postgresql://127.0.0.1:1/iceberg", "u", "secret", tmp.toString());
        assertThatThrownBy(() -> IcebergCatalogs.open(nowhere))
                .isInstanceOfSatisfying(
                        LakeLabException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.EXTERNAL))
                .hasMessageContaining("Cannot open the Iceberg catalog at jdbc:postgresql://127.0.0.1:1/iceberg")
                .hasMessageContaining("check that the catalog database is running")
                .message()
                .doesNotContain("secret");
    }
}
