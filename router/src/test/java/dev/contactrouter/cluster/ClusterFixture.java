package dev.contactrouter.cluster;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.support.TypeBasedParameterResolver;

/**
 * The processes of a cluster test class: made before its tests (by the given factory), closed after
 * them, and handed to each test as its {@link ClusterNodes} parameter. Register it with
 * {@code @RegisterExtension static final ClusterFixture CLUSTER = new ClusterFixture(() -> ...)}.
 */
final class ClusterFixture extends TypeBasedParameterResolver<ClusterNodes>
    implements BeforeAllCallback, AfterAllCallback {
  private final Supplier<ClusterNodes> create;
  private ClusterNodes nodes;

  ClusterFixture(Supplier<ClusterNodes> create) {
    this.create = create;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    nodes = create.get();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (nodes != null) {
      nodes.close();
      nodes = null;
    }
  }

  /** The class's processes, while its tests run. */
  @Override
  public ClusterNodes resolveParameter(ParameterContext parameter, ExtensionContext context) {
    if (nodes == null) {
      throw new IllegalStateException("the cluster is made before the class's tests and closed after them");
    }
    return nodes;
  }
}
