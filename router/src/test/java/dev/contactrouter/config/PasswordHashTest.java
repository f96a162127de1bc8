package dev.contactrouter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordHashTest {
  private static final int FAST = PasswordHash.MIN_ITERATIONS;

  @Test
  void aHashMatchesItsPasswordAndNoOther() {
    PasswordHash hash = PasswordHash.of("s3cret-pass".toCharArray(), FAST);
    assertThat(hash.matches("s3cret-pass".toCharArray())).isTrue();
    assertThat(hash.matches("s3cret-pasS".toCharArray())).isFalse();
    assertThat(hash.matches("".toCharArray())).isFalse();
  }

  @Test
  void theEncodedFormReadsBackAndStillMatches() {
    PasswordHash hash = PasswordHash.of("张三的密码".toCharArray(), FAST);
    String encoded = hash.encoded();
    assertThat(encoded).startsWith("pbkdf2-sha256$" + FAST + "$").doesNotContain("张三").doesNotContain(":").doesNotContain(",");
    PasswordHash read = PasswordHash.parse(encoded);
    assertThat(read.matches("张三的密码".toCharArray())).isTrue();
    assertThat(read.encoded()).isEqualTo(encoded);
    assertThat(read.iterations()).isEqualTo(FAST);
  }

  @Test
  void eachHashHasItsOwnSalt() {
    String a = PasswordHash.of("same".toCharArray(), FAST).encoded();
    String b = PasswordHash.of("same".toCharArray(), FAST).encoded();
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void theDefaultCostFollowsCurrentAdvice() {
    assertThat(PasswordHash.DEFAULT_ITERATIONS).isGreaterThanOrEqualTo(600_000);
  }

  @Test
  void malformedHashesAreConfigurationErrors() {
    assertThatThrownBy(() -> PasswordHash.parse("pbkdf2-sha256$abc$AAAA$AAAA")).isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> PasswordHash.parse("md5$1$x$y")).isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> PasswordHash.parse("pbkdf2-sha256$10$AAAAAAAAAAAAAAAAAAAAAA$" + "A".repeat(43)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("too few iterations");
    assertThatThrownBy(() -> PasswordHash.parse("pbkdf2-sha256$1000$!!$??")).isInstanceOf(ConfigException.class);
  }

  @Test
  void toStringRevealsNoHash() {
    PasswordHash hash = PasswordHash.of("pw".toCharArray(), FAST);
    assertThat(hash.toString()).doesNotContain(hash.encoded().substring(25));
  }
}
