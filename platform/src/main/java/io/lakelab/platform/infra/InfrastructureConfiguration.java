package io.lakelab.platform.infra;

import io.lakelab.catalog.iceberg.IcebergCatalogs;
import io.lakelab.catalog.iceberg.IcebergSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import javax.sql.DataSource;
import org.apache.iceberg.catalog.Catalog;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the metadata database, its connection pool and the Iceberg catalog. */
@Configuration(proxyBeanMethods = false)
class InfrastructureConfiguration {

    @Bean(destroyMethod = "close")
    MetadataDatabase metadataDatabase(DatabaseProperties database, StorageProperties storage) {
        try {
            Files.createDirectories(storage.home());
            Files.createDirectories(storage.warehouse());
            Files.createDirectories(storage.runs());
            Files.createDirectories(storage.uploads());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the LakeLab home " + storage.home(), e);
        }
        return MetadataDatabase.start(database, storage);
    }

    @Bean
    DataSource dataSource(MetadataDatabase database) {
        return database.platformDataSource();
    }

    @Bean
    IcebergSettings icebergSettings(MetadataDatabase database, StorageProperties storage) {
        return database.icebergSettings(storage);
    }

    /** Before the catalog (its file IO is Hadoop's) and closed after it: see {@link HadoopShutdown}. */
    @Bean(destroyMethod = "close")
    HadoopShutdown hadoopShutdown() {
        return HadoopShutdown.prepare();
    }

    @Bean
    Catalog icebergCatalog(IcebergSettings settings, HadoopShutdown hadoopShutdown) {
        Catalog catalog = IcebergCatalogs.open(settings);
        IcebergCatalogs.ensureNamespace(catalog, io.lakelab.catalog.Workspaces.SOURCE_NAMESPACE);
        return catalog;
    }
}
