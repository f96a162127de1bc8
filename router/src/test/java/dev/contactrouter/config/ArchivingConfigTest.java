package dev.contactrouter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Journal retention and archiving are configured per domain, checked at start, and kept through the config's JSON. */
class ArchivingConfigTest {
  private static final String PG = "postgresql://postgres@127.0.0.1:5432/router";

  @Test
  void byDefaultEverythingIsKept() {
    RouterConfig.Archiving a = RouterConfig.from(new JsonObject()).archiving();
    assertThat(a.policy().active()).isFalse();
    assertThat(a.policy().days("default")).isZero();
    assertThat(a.everySeconds()).isEqualTo(3600);
  }

  @Test
  void aRetentionWithPerDomainOverridesRoundTrips() {
    RouterConfig c = RouterConfig.from(new JsonObject().put("ROUTER_PG_URL", PG)
        .put("ROUTER_JOURNAL_RETENTION_DAYS", 400)
        .put("journalRetentionByDomain", "branch-sz=90, hq=0")
        .put("ROUTER_ARCHIVE_DIR", "/var/lib/router/archive"));
    RouterConfig.Archiving a = c.archiving();
    assertThat(a.retentionByDomain()).isEqualTo(Map.of("branch-sz", 90, "hq", 0));
    assertThat(a.policy().days("branch-sz")).isEqualTo(90);
    assertThat(a.policy().days("hq")).as("kept whole").isZero();
    assertThat(a.policy().days("other")).isEqualTo(400);
    assertThat(RouterConfig.from(c.toJson()).archiving()).isEqualTo(a);
    // An override alone turns archiving on.
    assertThat(RouterConfig.from(new JsonObject().put("ROUTER_PG_URL", PG).put("ROUTER_ARCHIVE_DIR", "/a")
        .put("ROUTER_JOURNAL_RETENTION_BY_DOMAIN", "hq=30")).archiving().policy().active()).isTrue();
  }

  @Test
  void aRetentionNeedsADirectoryAndPostgresAndWellFormedOverrides() {
    assertThatThrownBy(() -> RouterConfig.from(new JsonObject().put("ROUTER_PG_URL", PG)
        .put("ROUTER_JOURNAL_RETENTION_DAYS", 30)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("ROUTER_ARCHIVE_DIR");
    assertThatThrownBy(() -> RouterConfig.from(new JsonObject().put("ROUTER_ARCHIVE_DIR", "/a")
        .put("ROUTER_JOURNAL_RETENTION_DAYS", 30)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("ROUTER_PG_URL");
    assertThatThrownBy(() -> RouterConfig.from(new JsonObject().put("ROUTER_JOURNAL_RETENTION_BY_DOMAIN", "hq")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("ROUTER_JOURNAL_RETENTION_BY_DOMAIN");
    assertThatThrownBy(() -> RouterConfig.from(new JsonObject().put("ROUTER_JOURNAL_RETENTION_BY_DOMAIN", "HQ=3")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("ROUTER_JOURNAL_RETENTION_BY_DOMAIN");
    assertThatThrownBy(() -> RouterConfig.from(new JsonObject().put("ROUTER_JOURNAL_RETENTION_DAYS", -1)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("ROUTER_JOURNAL_RETENTION_DAYS");
  }
}
