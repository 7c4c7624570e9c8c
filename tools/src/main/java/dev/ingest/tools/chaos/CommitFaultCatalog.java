package dev.ingest.tools.chaos;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.iceberg.BaseTable;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * The catalog of {@link FailOnceCommitCatalogs}: forwards everything to the real catalog and hands out the chaos
 * table's operations wrapped, so its commits go through the fault.
 */
final class CommitFaultCatalog implements Catalog, SupportsNamespaces {
  private final Catalog delegate;
  private final String table;
  private final UnaryOperator<TableOperations> wrap;

  CommitFaultCatalog(Catalog delegate, String table, UnaryOperator<TableOperations> wrap) {
    this.delegate = delegate;
    this.table = table;
    this.wrap = wrap;
  }

  @Override
  public Table loadTable(TableIdentifier identifier) {
    Table loaded = delegate.loadTable(identifier);
    if (identifier.name().equals(table) && loaded instanceof HasTableOperations withOps) {
      return new BaseTable(wrap.apply(withOps.operations()), loaded.name());
    }
    return loaded;
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public List<TableIdentifier> listTables(Namespace namespace) {
    return delegate.listTables(namespace);
  }

  @Override
  public TableBuilder buildTable(TableIdentifier identifier, Schema schema) {
    return delegate.buildTable(identifier, schema);
  }

  @Override
  public boolean tableExists(TableIdentifier identifier) {
    return delegate.tableExists(identifier);
  }

  @Override
  public boolean dropTable(TableIdentifier identifier, boolean purge) {
    return delegate.dropTable(identifier, purge);
  }

  @Override
  public void renameTable(TableIdentifier from, TableIdentifier to) {
    delegate.renameTable(from, to);
  }

  @Override
  public void invalidateTable(TableIdentifier identifier) {
    delegate.invalidateTable(identifier);
  }

  @Override
  public void createNamespace(Namespace namespace, Map<String, String> metadata) {
    namespaces().createNamespace(namespace, metadata);
  }

  @Override
  public List<Namespace> listNamespaces(Namespace namespace) {
    return namespaces().listNamespaces(namespace);
  }

  @Override
  public Map<String, String> loadNamespaceMetadata(Namespace namespace) {
    return namespaces().loadNamespaceMetadata(namespace);
  }

  @Override
  public boolean dropNamespace(Namespace namespace) {
    return namespaces().dropNamespace(namespace);
  }

  @Override
  public boolean setProperties(Namespace namespace, Map<String, String> properties) {
    return namespaces().setProperties(namespace, properties);
  }

  @Override
  public boolean removeProperties(Namespace namespace, Set<String> properties) {
    return namespaces().removeProperties(namespace, properties);
  }

  @Override
  public boolean namespaceExists(Namespace namespace) {
    return namespaces().namespaceExists(namespace);
  }

  private SupportsNamespaces namespaces() {
    if (delegate instanceof SupportsNamespaces namespaces) {
      return namespaces;
    }
    throw new UnsupportedOperationException(delegate.name() + " has no namespaces");
  }

  @Override
  public String toString() {
    return "CommitFaultCatalog{" + delegate + "}";
  }
}
