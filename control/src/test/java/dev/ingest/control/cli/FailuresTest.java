package dev.ingest.control.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingest.sources.fetch.EndpointException;
import dev.ingest.sources.fetch.ErrorClass;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import org.junit.jupiter.api.Test;

/** {@link Failures#describe}: an endpoint failure anywhere in the chain wins; otherwise the deepest message. */
class FailuresTest {

  @Test
  void endpointFailureInsideWrappersIsWordedAsCheckWordsIt() {
    ConnectException connect = new ConnectException();
    connect.initCause(new ClosedChannelException());
    EndpointException endpoint = new EndpointException(ErrorClass.NETWORK, 0,
        "GET http://127.0.0.1:9/v1/items: ConnectException (gave up after 6 attempts)", connect);
    Exception wrapped = new RuntimeException("job failed", new IllegalStateException(endpoint));

    assertThat(Failures.describe(wrapped))
        .isEqualTo("NETWORK: GET http://127.0.0.1:9/v1/items: ConnectException (gave up after 6 attempts)");
  }

  @Test
  void otherwiseTheDeepestMessageNamingTheRootCause() {
    Exception chain = new RuntimeException("outer", new IllegalStateException("table x is locked",
        new ClosedChannelException()));

    assertThat(Failures.describe(chain)).isEqualTo("IllegalStateException: table x is locked (ClosedChannelException)");
    assertThat(Failures.describe(new ClosedChannelException())).isEqualTo("ClosedChannelException");
    assertThat(Failures.describe(new IllegalArgumentException("bad", null))).isEqualTo("IllegalArgumentException: bad");
  }

  @Test
  void aCauseCycleEnds() {
    Exception a = new Exception("a");
    Exception b = new Exception("b", a);
    a.initCause(b);

    assertThat(Failures.describe(b)).isEqualTo("Exception: a");
  }
}
