package dev.contactrouter.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A customer's contacts held in memory, oldest first, whether it has one or several. */
class CustomerIndexTest {
  private final CustomerIndex index = new CustomerIndex();

  @Test
  void oneContactAndThenSeveralOldestFirst() {
    index.add("cust", "c1");
    assertThat(index.contactsOf("cust")).containsExactly("c1");
    index.add("cust", "c1");
    assertThat(index.contactsOf("cust")).containsExactly("c1");

    index.add("cust", "c2");
    index.add("cust", "c3");
    assertThat(index.contactsOf("cust")).containsExactly("c1", "c2", "c3");
    assertThat(index.contactsOf("other")).isEmpty();
  }

  @Test
  void removingTheLastContactForgetsTheCustomer() {
    index.add("solo", "c1");
    index.remove("solo", "c2");
    assertThat(index.contactsOf("solo")).containsExactly("c1");
    index.remove("solo", "c1");
    assertThat(index.contactsOf("solo")).isEmpty();

    index.add("pair", "c3");
    index.add("pair", "c4");
    index.remove("pair", "c3");
    assertThat(index.contactsOf("pair")).containsExactly("c4");
    index.remove("pair", "c4");
    assertThat(index.contactsOf("pair")).isEmpty();
    index.add("pair", "c5");
    assertThat(index.contactsOf("pair")).containsExactly("c5");
  }
}
