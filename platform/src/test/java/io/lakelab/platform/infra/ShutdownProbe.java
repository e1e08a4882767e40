package io.lakelab.platform.infra;

import io.lakelab.catalog.Workspaces;
import io.lakelab.platform.LakeLabApplication;
import org.apache.catalina.Context;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The platform's life in miniature, for {@link HadoopShutdownIT}'s child JVM: start, write an
 * Iceberg table the way a web request does (on a thread whose context class loader is Tomcat's
 * web application class loader, so Hadoop first loads there), then exit the way {@code ./lakelab
 * demo --exit} does.
 */
public final class ShutdownProbe {

    private ShutdownProbe() {}

    public static void main(String[] args) throws Exception {
        ConfigurableApplicationContext context = SpringApplication.run(LakeLabApplication.class, args);
        TomcatWebServer server = (TomcatWebServer) ((WebServerApplicationContext) context).getWebServer();
        ClassLoader webapp = ((Context) server.getTomcat().getHost().findChildren()[0])
                .getLoader()
                .getClassLoader();
        Catalog catalog = context.getBean(Catalog.class);
        Thread request = new Thread(() -> catalog.createTable(
                TableIdentifier.of(Workspaces.SOURCE_NAMESPACE, "shutdown_probe"),
                new Schema(Types.NestedField.optional(1, "a", Types.StringType.get()))));
        request.setContextClassLoader(webapp);
        request.start();
        request.join();
        System.out.println("[probe] table written");
        System.exit(SpringApplication.exit(context, () -> 0));
    }
}
