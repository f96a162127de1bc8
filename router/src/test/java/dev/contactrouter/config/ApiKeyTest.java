package dev.contactrouter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * {@code ROUTER_API_KEYS} entries: a branch board's key names the one site it shows; a survey
 * system's key is a role of its own.
 */
class ApiKeyTest {
  @Test
  void aBoardKeyNamesItsSiteAndOptionallyItsDomain() {
    ApiKey key = ApiKey.parse("k-lobby-hq-2291=board:hq@branch-sz");
    assertThat(key.role()).isEqualTo("board");
    assertThat(key.site()).isEqualTo("hq");
    assertThat(key.domain()).isEqualTo("branch-sz");
    assertThat(key.agentId()).isNull();
    assertThat(key.roleSpec()).isEqualTo("board:hq@branch-sz");
    assertThat(ApiKey.parse("k-lobby-hq-2291=" + key.roleSpec())).isEqualTo(key);
    assertThat(ApiKey.parse("k-lobby-sz-0001=board:sz-futian.1").site()).isEqualTo("sz-futian.1");
    assertThat(ApiKey.parse("k-0123456789=supervisor").site()).isNull();
  }

  @Test
  void aBoardKeyWithoutASiteOrWithAMalformedOneIsRefused() {
    for (String spec : new String[] {"board", "board:", "board: hq", "board:-hq", "board:h q", "board:hq/1"}) {
      assertThatThrownBy(() -> ApiKey.parse("k-0123456789=" + spec)).as(spec)
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("board role needs the site");
    }
  }

  @Test
  void aSurveyKeyIsARoleOfItsOwnAndUnknownRolesAreNamed() {
    ApiKey key = ApiKey.parse("k-ivr-00000001=survey@branch-sz");
    assertThat(key.role()).isEqualTo("survey");
    assertThat(key.domain()).isEqualTo("branch-sz");
    assertThat(key.agentId()).isNull();
    assertThat(key.site()).isNull();
    assertThat(ApiKey.parse("k-ivr-00000001=" + key.roleSpec())).isEqualTo(key);
    assertThatThrownBy(() -> ApiKey.parse("k-0123456789=surveys")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown role 'surveys'").hasMessageContaining("survey)");
  }
}
