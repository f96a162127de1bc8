package dev.contactrouter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * Routine snapshots by default only where they buy a faster restart: with a PostgreSQL journal.
 * The embedded journal and its snapshots die with the process, so it takes none unless told to.
 */
class SnapshotConfigTest {
  private static final String PG = "postgresql://router:secret@127.0.0.1:5432/router";

  @Test
  void unsetMeansEveryTenThousandEventsDurableAndNoneEmbedded() {
    assertThat(RouterConfig.from(new JsonObject()).snapshotEvery()).isZero();
    assertThat(RouterConfig.from(new JsonObject().put("ROUTER_PG_URL", PG)).snapshotEvery())
        .isEqualTo(RouterConfig.DURABLE_SNAPSHOT_EVERY).isEqualTo(10_000);
    assertThat(RouterConfig.from(new JsonObject().put("pgUrl", PG).put("ROUTER_SNAPSHOT_EVERY", " ")).snapshotEvery())
        .isEqualTo(10_000);
  }

  @Test
  void aValueGivenIsTakenInEitherModeAndKeptThroughTheJson() {
    RouterConfig embedded = RouterConfig.from(new JsonObject().put("ROUTER_SNAPSHOT_EVERY", "500"));
    assertThat(embedded.snapshotEvery()).isEqualTo(500);
    assertThat(RouterConfig.from(embedded.toJson()).snapshotEvery()).isEqualTo(500);
    RouterConfig durableOff = RouterConfig.from(new JsonObject().put("ROUTER_PG_URL", PG).put("snapshotEvery", 0));
    assertThat(durableOff.snapshotEvery()).isZero();
    assertThat(RouterConfig.from(durableOff.toJson()).snapshotEvery()).isZero();
  }

  @Test
  void aBadValueIsRefusedNamingTheSetting() {
    assertThatThrownBy(() -> RouterConfig.from(new JsonObject().put("ROUTER_SNAPSHOT_EVERY", "-1")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("ROUTER_SNAPSHOT_EVERY");
    assertThatThrownBy(() -> RouterConfig.from(new JsonObject().put("ROUTER_SNAPSHOT_EVERY", "often")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("ROUTER_SNAPSHOT_EVERY");
  }
}
