package dev.contactrouter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class UserTest {
  private static final int FAST = PasswordHash.MIN_ITERATIONS;

  @Test
  void readsAgentsWithTheirAgentIdAndOtherRoles() {
    User li = User.parse("li:secret:agent:a1", FAST);
    assertThat(li.username()).isEqualTo("li");
    assertThat(li.role()).isEqualTo("agent");
    assertThat(li.agentId()).isEqualTo("a1");
    assertThat(li.password().matches("secret".toCharArray())).isTrue();

    User zhou = User.parse("zhou:secret:supervisor", FAST);
    assertThat(zhou.role()).isEqualTo("supervisor");
    assertThat(zhou.agentId()).isNull();
  }

  @Test
  void aPasswordMayContainColons() {
    User u = User.parse("ops:a:b:c:admin", FAST);
    assertThat(u.role()).isEqualTo("admin");
    assertThat(u.password().matches("a:b:c".toCharArray())).isTrue();
  }

  @Test
  void acceptsAPreHashedPasswordAsIs() {
    String hash = PasswordHash.of("pw-1".toCharArray(), FAST).encoded();
    User u = User.parse("wang:" + hash + ":agent:a2", PasswordHash.DEFAULT_ITERATIONS);
    assertThat(u.password().encoded()).isEqualTo(hash);
    assertThat(u.password().matches("pw-1".toCharArray())).isTrue();
    assertThat(User.parse(u.spec(), FAST).password().encoded()).isEqualTo(hash);
  }

  @Test
  void refusesWhatCannotSignIn() {
    assertThatThrownBy(() -> User.parse("li:secret", FAST)).isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> User.parse("li:secret:agent", FAST)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("agent id");
    assertThatThrownBy(() -> User.parse("li:secret:telephony", FAST)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown role");
    assertThatThrownBy(() -> User.parse("li::supervisor", FAST)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("empty password");
    assertThatThrownBy(() -> User.parse("l i:x:supervisor", FAST)).isInstanceOf(ConfigException.class);
  }

  @Test
  void errorsAndToStringNeverShowThePassword() {
    assertThatThrownBy(() -> User.parse("li:hunter2:wizard", FAST)).hasMessageNotContaining("hunter2");
    assertThat(User.parse("li:hunter2:supervisor", FAST).toString()).doesNotContain("hunter2").doesNotContain("pbkdf2");
  }

  @Test
  void configurationKeepsOnlyHashesAndReadsThemBack() {
    String hashed = PasswordHash.of("pw-2".toCharArray(), FAST).encoded();
    RouterConfig config = RouterConfig.from(new JsonObject()
        .put(Setting.USERS.env(), "zhou:plain-text-pw:supervisor, li:" + hashed + ":agent:a1")
        .put(Setting.JWT_SECRET.env(), "x".repeat(32)));
    assertThat(config.users()).extracting(User::username).containsExactly("zhou", "li");
    JsonObject json = config.toJson();
    assertThat(json.encode()).doesNotContain("plain-text-pw");
    assertThat(config.toString()).doesNotContain("x".repeat(32)).doesNotContain("pbkdf2");

    RouterConfig again = RouterConfig.from(json);
    assertThat(again.users().get(0).password().matches("plain-text-pw".toCharArray())).isTrue();
    assertThat(again.users().get(1).password().encoded()).isEqualTo(hashed);
    assertThat(again.jwtSecret()).isEqualTo("x".repeat(32));
    assertThat(again.jwtTtlSeconds()).isEqualTo(28800);
  }

  @Test
  void aShortJwtSecretOrADuplicateUserFailsTheStart() {
    assertThatThrownBy(() -> RouterConfig.from(new JsonObject().put(Setting.JWT_SECRET.env(), "short")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("ROUTER_JWT_SECRET");
    String h = PasswordHash.of("p".toCharArray(), FAST).encoded();
    assertThatThrownBy(() -> RouterConfig.from(new JsonObject()
        .put(Setting.USERS.env(), "a:" + h + ":admin,a:" + h + ":supervisor")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("twice");
    assertThatThrownBy(() -> RouterConfig.from(new JsonObject().put(Setting.JWT_TTL_SECONDS.env(), "4")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("ROUTER_JWT_TTL_SECONDS");
  }
}
