package io.lakelab.platform.trino;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class NotebookCellsTest {

    @Test
    void extractsOnlySqlMagicCellsWithoutTheMagicLine() {
        String nb = """
                {"cells": [
                  {"cell_type": "markdown", "source": ["%%sql\\n", "SELECT 0"]},
                  {"cell_type": "code", "source": ["import os\\n", "%sql engine"]},
                  {"cell_type": "code", "source": ["%%sql\\n", "SELECT 1\\n", "FROM t;"]},
                  {"cell_type": "code", "source": "%%sql\\nSELECT 2"}
                ]}""";
        assertThat(TrinoNotebooksIT.sqlCells(JsonMapper.builder().build().readTree(nb)))
                .containsExactly("SELECT 1\nFROM t", "SELECT 2");
    }
}
