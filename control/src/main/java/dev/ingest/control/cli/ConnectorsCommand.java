package dev.ingest.control.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ingest.sources.spec.ConnectorCatalog;
import dev.ingest.sources.spec.ConnectorSpec;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./ingest connectors [--json]}: the built-in connectors and their endpoints. */
@Command(name = "connectors", description = "List built-in connectors and their endpoints.",
    subcommands = ConnectorsInspectCommand.class)
final class ConnectorsCommand implements Callable<Integer> {
  @Option(names = "--json", description = "Print a JSON array of {name, endpoints, auth_methods}.") boolean json;

  @Override
  public Integer call() throws Exception {
    ConnectorCatalog catalog = ConnectorCatalog.builtIn();
    if (json) {
      ObjectMapper mapper = new ObjectMapper();
      ArrayNode array = mapper.createArrayNode();
      for (String name : catalog.names()) {
        ConnectorSpec spec = catalog.get(name);
        ObjectNode node = array.addObject();
        node.put("name", spec.name());
        spec.endpoints().keySet().forEach(node.putArray("endpoints")::add);
        ArrayNode methods = node.putArray("auth_methods");
        spec.authMethods().values().forEach(m -> {
          ObjectNode method = methods.addObject().put("name", m.name()).put("auth", m.auth().type().yamlName());
          m.credentials().keySet().forEach(method.putArray("credentials")::add);
        });
      }
      System.out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(array));
      return IngestCli.OK;
    }
    for (String name : catalog.names()) {
      ConnectorSpec spec = catalog.get(name);
      System.out.printf("%-14s %s%n", spec.name(), String.join(", ", spec.endpoints().keySet()));
      if (spec.authMethods().size() > 1) {
        System.out.printf("%-14s auth methods: %s%n", "", String.join(", ", spec.authMethods().keySet()));
      }
    }
    return IngestCli.OK;
  }
}
