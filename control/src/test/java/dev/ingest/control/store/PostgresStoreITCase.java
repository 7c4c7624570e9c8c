package dev.ingest.control.store;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** The store contract on a real PostgreSQL server started from the OS packages (skipped only when absent). */
@ExtendWith(PostgresExtension.class)
class PostgresStoreITCase extends StoreContract {
  @BeforeEach
  void openPostgres(StoreConfig config) {
    open(config);
  }
}
