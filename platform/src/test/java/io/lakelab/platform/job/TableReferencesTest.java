package io.lakelab.platform.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakelab.catalog.TableRef;
import io.lakelab.catalog.demo.DemoScenario;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableReferencesTest {

    @Test
    void findsSourceTablesOfTheDemoFusionJob() {
        assertThat(TableReferences.outside(
                        "lab_lowcarbon", DemoScenario.standard().fusionStatements()))
                .containsExactlyInAnyOrder(
                        TableRef.of("datasets", "enterprise_registry"),
                        TableRef.of("datasets", "energy_consumption"),
                        TableRef.of("datasets", "emission_factors"));
    }

    @Test
    void findsOtherWorkspacesAndQuotedOrCatalogQualifiedNamesButNotTheOwnWorkspace() {
        assertThat(TableReferences.outside(
                        "lab_lowcarbon",
                        List.of(
                                "SELECT * FROM lakelab.`datasets`.`Secret_Data` JOIN lab_shipping . routes r",
                                "INSERT INTO lab_lowcarbon.mine SELECT * FROM mine")))
                .containsExactlyInAnyOrder(
                        TableRef.of("datasets", "secret_data"), TableRef.of("lab_shipping", "routes"));
    }

    @Test
    void ignoresLiteralsAndComments() {
        assertThat(TableReferences.outside(
                        "lab_lowcarbon",
                        List.of("SELECT 'datasets.secret' AS s -- datasets.other\n FROM t /* lab_x.y */")))
                .isEmpty();
    }
}
