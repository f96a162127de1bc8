package dev.contactrouter.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The customer index links a customer's contacts through the contacts; it must answer as a set per customer. */
class CustomerIndexTest {
  private static ContactState contact(int n) {
    return new ContactState(ContactSpec.of("c" + n, Channel.VOICE, "q"), n, n);
  }

  @Test
  void keepsEachCustomersContactsOldestFirstThroughAnyRemoval() {
    CustomerIndex index = new CustomerIndex();
    ContactState a = contact(1);
    ContactState b = contact(2);
    ContactState c = contact(3);
    ContactState d = contact(4);
    index.add("x", a);
    index.add("x", b);
    index.add("x", c);
    index.add("y", d);
    index.add("x", b); // again: no second entry
    assertThat(index.contactsOf("x")).containsExactly("c1", "c2", "c3");
    index.remove("x", b);
    assertThat(index.contactsOf("x")).containsExactly("c1", "c3");
    index.remove("x", a);
    assertThat(index.contactsOf("x")).containsExactly("c3");
    index.add("x", a);
    assertThat(index.contactsOf("x")).containsExactly("c3", "c1");
    index.remove("x", a);
    index.remove("x", a); // not indexed any more: nothing
    index.remove("x", c);
    assertThat(index.contactsOf("x")).isEmpty();
    assertThat(index.contactsOf("y")).containsExactly("c4");
  }

  /**
   * Steps: {@code n >= 0} adds contact n (under customer n % 3), {@code n < 0} removes contact -n-1;
   * after each, every customer's contacts are those a set per customer holds, in the same order.
   */
  @Property(tries = 300)
  void answersAsASetPerCustomer(@ForAll @Size(max = 120) List<@IntRange(min = -12, max = 11) Integer> steps) {
    CustomerIndex index = new CustomerIndex();
    Map<String, LinkedHashSet<String>> model = new LinkedHashMap<>();
    List<ContactState> contacts = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      contacts.add(contact(i));
    }
    for (int step : steps) {
      int n = step >= 0 ? step : -step - 1;
      String customer = "cust" + (n % 3);
      ContactState c = contacts.get(n);
      if (step >= 0) {
        index.add(customer, c);
        model.computeIfAbsent(customer, k -> new LinkedHashSet<>()).add(c.id());
      } else {
        index.remove(customer, c);
        model.getOrDefault(customer, new LinkedHashSet<>()).remove(c.id());
      }
      for (int k = 0; k < 3; k++) {
        String cust = "cust" + k;
        assertThat(index.contactsOf(cust)).as("after %s", step)
            .containsExactlyElementsOf(model.getOrDefault(cust, new LinkedHashSet<>()));
      }
    }
    int[] visited = {0};
    index.forEach((customer, c) -> visited[0]++);
    assertThat(visited[0]).isEqualTo(model.values().stream().mapToInt(LinkedHashSet::size).sum());
  }
}
